import Testing

@testable import OneThingTerminal

/// `TerminalError`: a code per failure, stable raw values, and the messages as before.
@Suite struct TerminalErrorTests {
    @Test func everyCodeIsListedStableAndUnique() {
        let expected: [(TerminalError.Code, String)] = [
            (.notATerminal, "terminal.not_a_terminal"),
            (.alreadyInUse, "terminal.already_in_use"),
            (.settingsFailed, "terminal.settings_failed"),
            (.tooSmall, "terminal.too_small"),
        ]
        #expect(expected.map(\.0) == TerminalError.Code.all)
        for (code, raw) in expected { #expect(code.rawValue == raw) }
    }

    @Test func messagesAreUnchanged() {
        #expect(TerminalError.notATerminal.description == "not a terminal: run `onething kiosk` on a terminal (80x24 at least)")
        #expect(
            TerminalError.tooSmall(width: 70, height: 20).description
                == "the terminal is 70x20 but the kiosk needs at least 80x24: enlarge the window or use a smaller font, then start again")
        let failed = TerminalError.settingsFailed("open a pseudo-terminal", errorNumber: 2)
        #expect(failed.code == .settingsFailed)
        #expect(failed.description.hasPrefix("could not open a pseudo-terminal (No such file or directory): run `onething kiosk`"))
    }
}
