import ArgumentParser
import Foundation
import OneThingCLI
import OneThingKiosk
import OneThingModel
import OneThingStore
import OneThingTerminal

struct KioskCommand: NodeCommand {
    static let configuration = CommandConfiguration(
        commandName: "kiosk",
        abstract: "The full-screen intake screen for clerks (a terminal of 80x24 at least).",
        discussion: """
            Clerks sign in with their operator id and PIN (`onething operators add`), choose a bundle
            and its items, fill in ONE form checked field by field, review and confirm; the
            application is stored before the receipt shows. What is typed is saved as a draft as the
            clerk leaves each field and offered again at the next sign-in. After --idle-timeout
            seconds without a key the screen signs out and clears the applicant's data. F2 switches
            between Chinese and English; Ctrl-Q on the sign-in screen quits.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(name: .customLong("idle-timeout"), help: ArgumentHelp("Seconds without a key before signing out.", valueName: "seconds"))
    var idleTimeout: Double = 300

    @Option(help: ArgumentHelp("Directory for printed receipts (default: receipts/ beside the database).", valueName: "dir"))
    var receipts: String?

    @Option(help: ArgumentHelp("A printer device to send receipts to instead, such as /dev/usb/lp0.", valueName: "device"))
    var printer: String?

    @Option(help: ArgumentHelp("The language to start in: zh or en.", valueName: "zh|en"))
    var language: String = "zh"

    func validate() throws {
        guard idleTimeout >= 10, idleTimeout <= 86_400 else {
            throw ValidationError("--idle-timeout must be from 10 to 86400 seconds.")
        }
        guard ["zh", "en"].contains(language) else { throw ValidationError("--language must be zh or en.") }
    }

    func perform() throws(CLIFailure) {
        let context = try NodeContext.open(global)
        let folder = URL(fileURLWithPath: global.databasePath).deletingLastPathComponent().path
        let target: ReceiptTarget = printer.map { .printer($0) } ?? .directory(receipts ?? folder + "/receipts")
        let environment = KioskEnvironment(
            store: context.store, catalog: context.catalog, region: context.region, clock: context.clock,
            idleTimeoutSeconds: idleTimeout, receiptTarget: target)
        let terminal: ANSITerminal
        do {
            terminal = try ANSITerminal()
        } catch {
            throw CLIFailure(error, exitCode: .config)
        }
        let app = KioskApp(environment: environment)
        if language == "en" { app.handle(.function(2)) }
        KioskLoop.run(app, terminal: terminal)
    }
}
