import Foundation
import OneThingModel
import OneThingStore
import OneThingTerminal

extension KioskApp {
    func handleReview(_ key: Key) {
        switch key {
        case .escape, .backTab:
            screen = .form
        case .down: reviewScroll += 1
        case .up: reviewScroll = max(0, reviewScroll - 1)
        case .pageDown: reviewScroll += 10
        case .pageUp: reviewScroll = max(0, reviewScroll - 10)
        case .enter, .function(10):
            confirm()
        default:
            break
        }
    }

    /// Files the application and drops the draft in one transaction; only once that is on
    /// disk does the screen show the receipt.
    private func confirm() {
        guard let application = validated, let operatorId = signedIn?.id else { return }
        if let id = form?.amending {
            // Through `revise`, as `onething amend` goes: the form's values as changes (a field
            // emptied as removed), checked again by the store under the catalogue it was filed under.
            do {
                let filed = try env.store.application(id: id)
                let stored = env.catalog.bundle(filed.summary.bundle)?.formFields(filed.fields) ?? filed.fields
                var changes: [String: FieldInput?] = application.fields.mapValues { FieldInput.text($0) }
                for key in stored.keys where application.fields[key] == nil { changes[key] = .some(nil) }
                switch try env.store.revise(
                    id, changes: changes, catalog: env.catalog, region: env.region, operatorId: operatorId, at: env.clock.now())
                {
                case .failure(let refused):
                    notice = refused.problems.first.map { ($0.field.map { $0 + ": " } ?? "") + $0.message }
                    screen = .form
                    return
                case .success(let result):
                    say(
                        zh: "已更正 \(id)，第\(result.revision)版将在下次同步时提交。",
                        en: "\(id) corrected: revision \(result.revision) goes with the next sync.")
                }
            } catch {
                report(error)
                return
            }
            form = nil
            validated = nil
            refreshStatus()
            detail = try? env.store.application(id: id)
            screen = detail == nil ? .menu : .detail
            return
        }
        let filedAt = env.clock.now()
        let filed: FiledApplication
        do {
            filed = try env.store.fileFromDraft(application, operatorId: operatorId, filedAt: filedAt)
        } catch {
            report(error)
            return
        }
        receipt = ReceiptState(
            applicationId: filed.id, bundle: application.bundle, items: application.items, filedAt: filedAt)
        form = nil
        validated = nil
        screen = .receipt
        refreshStatus()
        if !filed.possibleDuplicates.isEmpty {
            let ids = filed.possibleDuplicates.map(\.id).joined(separator: ", ")
            say(zh: "注意：可能与本机已受理的 \(ids) 重复。", en: "Note: this may duplicate \(ids), filed here before.")
        }
    }

    func handleReceipt(_ key: Key) {
        switch key {
        case .character("p"), .character("P"):
            printReceipt()
        case .enter, .escape:
            screen = .rating
        default:
            break
        }
    }

    func handleRating(_ key: Key) {
        guard let receipt else {
            screen = .menu
            return
        }
        switch key {
        case .character(let c) where c.wholeNumberValue.map { (1...5).contains($0) } == true:
            do {
                try env.store.rate(
                    applicationId: receipt.applicationId, score: c.wholeNumberValue ?? 0, operatorId: signedIn?.id,
                    at: env.clock.now())
            } catch {
                report(error)
                return
            }
            finishApplicant()
            say(zh: "谢谢您的评价。", en: "Thank you for the rating.")
        case .enter, .escape:
            finishApplicant()
        default:
            break
        }
    }

    private func finishApplicant() {
        clearApplicant()
        screen = .menu
    }

    /// The receipt as plain text lines (also what is printed).
    func receiptLines() -> [String] {
        guard let receipt, let bundle = env.catalog.bundle(receipt.bundle) else { return [] }
        var lines = [
            text(zh: "受理回执", en: "Receipt"),
            text(zh: "申请编号：", en: "Application id: ") + receipt.applicationId,
            text(zh: "事项：", en: "Bundle: ") + language.pick(bundle.names),
            text(zh: "受理时间：", en: "Filed: ") + receipt.filedAt.description,
            "",
        ]
        for code in receipt.items {
            guard let item = bundle.item(code) else { continue }
            let department = env.catalog.department(item.department).map { language.pick($0.names) } ?? item.department
            lines.append(
                "· " + language.pick(item.names) + " — " + department + " — "
                    + text(zh: "承诺\(item.promisedDays)个工作日", en: "\(item.promisedDays) working days"))
        }
        lines.append("")
        lines.append(text(zh: "凭申请编号可查询办理进度。", en: "Quote the application id to ask about progress."))
        return lines
    }

    /// Writes the receipt to a new file (0600) in the receipt directory, or to the printer
    /// device. Only the application id and the items: no personal data on paper left behind.
    private func printReceipt() {
        guard let receipt else { return }
        let body = Data((receiptLines().joined(separator: "\n") + "\n").utf8)
        let path: String
        switch env.receiptTarget {
        case .directory(let directory):
            try? FileManager.default.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            path = directory + "/" + receipt.applicationId + ".txt"
            guard FileManager.default.createFile(atPath: path, contents: body, attributes: [.posixPermissions: 0o600]) else {
                say(zh: "回执无法写入 \(directory)。", en: "The receipt could not be written to \(directory).")
                return
            }
        case .printer(let device):
            path = device
            guard let handle = FileHandle(forWritingAtPath: device) else {
                say(zh: "打印机 \(device) 无法打开。", en: "The printer \(device) cannot be opened.")
                return
            }
            handle.write(body)
            try? handle.close()
        }
        self.receipt?.printed = path
        say(zh: "回执已输出到 \(path)。", en: "Receipt written to \(path).")
    }
}
