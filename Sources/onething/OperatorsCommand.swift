import OneThingCLI
import OneThingTerminal
import ArgumentParser
import Foundation
import OneThingModel
import OneThingStore

struct OperatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "operators",
        abstract: "Manage the clerks who sign in at the kiosk with a personal PIN.",
        discussion: """
            A PIN is 6 to 12 digits, read from stdin (one line; not echoed on a terminal), and
            stored only as a salted slow hash. Five wrong PINs in a row lock the operator until a
            supervisor runs `onething operators unlock ID`.
            """,
        subcommands: [
            OperatorsAddCommand.self, OperatorsListCommand.self, OperatorsResetPINCommand.self,
            OperatorsUnlockCommand.self, OperatorsRemoveCommand.self,
        ],
        defaultSubcommand: OperatorsListCommand.self)
}

/// Reads a PIN: one line of stdin, with echo off when stdin is a terminal.
enum PINInput {
    static func read(prompt: String) throws(CLIFailure) -> String {
        let terminal = isatty(0) == 1
        var saved = termios()
        if terminal {
            FileHandle.standardError.write(Data(prompt.utf8))
            tcgetattr(0, &saved)
            var quiet = saved
            quiet.c_lflag &= ~tcflag_t(ECHO)
            tcsetattr(0, TCSANOW, &quiet)
        }
        let line = Swift.readLine(strippingNewline: true)
        if terminal {
            tcsetattr(0, TCSANOW, &saved)
            FileHandle.standardError.write(Data("\n".utf8))
        }
        guard let pin = line?.trimmingCharacters(in: .whitespaces), NodeStore.isValidPIN(pin) else {
            throw CLIFailure.data("The PIN must be 6 to 12 digits, given on stdin.")
        }
        return pin
    }
}

struct OperatorsAddCommand: NodeCommand {
    static let configuration = CommandConfiguration(commandName: "add", abstract: "Add an operator; the PIN comes from stdin.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The operator id, such as a staff number (letters, digits, - _ .).", valueName: "id"))
    var id: String

    @Option(help: ArgumentHelp("The name shown on the kiosk and recorded with what the operator files.", valueName: "name"))
    var name: String

    func validate() throws {
        guard NodeStore.isValidOperatorId(id) else {
            throw ValidationError("The operator id must be 1 to 32 letters, digits, '-', '_' or '.'.")
        }
        guard !name.trimmingCharacters(in: .whitespaces).isEmpty, name.count <= 40,
            DisplayText.isClean(name)
        else {
            throw ValidationError("--name must be 1 to 40 characters without control characters.")
        }
    }

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let pin = try PINInput.read(prompt: "PIN for \(id): ")
        try context.storeCall { () throws(StoreError) in
            try context.store.saveOperator(id: id, name: name, pin: pin, replace: false, at: context.clock.now())
        }
        if !global.json { Output.line("Operator \(id) added.") } else { Output.json(["id": id]) }
    }
}

struct OperatorsListCommand: NodeCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "List operators and whether they are locked.")

    @OptionGroup var global: GlobalOptions

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let operators = try context.storeCall { () throws(StoreError) in try context.store.operators() }
        if global.json {
            Output.json(["operators": operators])
        } else if operators.isEmpty {
            Output.line("No operators yet; add one with `onething operators add ID --name NAME`.")
        } else {
            Output.line(TextTable.render(
                header: ["ID", "NAME", "STATE"],
                rows: operators.map { op in
                    [op.id, TerminalSafe.text(op.name),
                     !op.active ? "removed" : op.locked ? "locked" : op.failedAttempts > 0 ? "\(op.failedAttempts) failed sign-ins" : "active"]
                }))
        }
    }
}

struct OperatorsResetPINCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-pin", abstract: "Give an operator a new PIN (from stdin); also unlocks.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The operator id.", valueName: "id"))
    var id: String

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        guard let existing = try context.storeCall({ () throws(StoreError) in try context.store.operators() }).first(where: { $0.id == id })
        else { throw CLIFailure(StoreError.noSuchOperator(id: id)) }
        let pin = try PINInput.read(prompt: "New PIN for \(id): ")
        try context.storeCall { () throws(StoreError) in
            try context.store.saveOperator(id: id, name: existing.name, pin: pin, replace: true, at: context.clock.now())
        }
        if !global.json { Output.line("Operator \(id) has a new PIN.") }
    }
}

struct OperatorsUnlockCommand: NodeCommand {
    static let configuration = CommandConfiguration(commandName: "unlock", abstract: "Unlock an operator locked after wrong PINs.")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The operator id.", valueName: "id"))
    var id: String

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        try context.storeCall { () throws(StoreError) in try context.store.unlockOperator(id: id) }
        if !global.json { Output.line("Operator \(id) unlocked.") }
    }
}

struct OperatorsRemoveCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "remove", abstract: "Stop an operator from signing in (what they filed keeps their id).")

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The operator id.", valueName: "id"))
    var id: String

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        try context.storeCall { () throws(StoreError) in try context.store.deactivateOperator(id: id) }
        if !global.json { Output.line("Operator \(id) removed.") }
    }
}
