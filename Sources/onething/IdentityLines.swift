import OneThingModel

/// `onething show`'s line per provisional identity the bundle declares: the provisional
/// value until the item that issues the field replacing it is approved, then the issued one.
enum IdentityLines {
    static func lines(bundle: BundleDefinition?, fields: [String: String]) -> [String] {
        guard let bundle else { return [] }
        return bundle.systemFields.compactMap { issued -> String? in
            guard issued.setBy == .hub, let replaced = issued.replaces, let provisional = fields[replaced] else { return nil }
            let label = issued.label.en
            if let value = fields[issued.id] {
                return "\(label): \(TerminalSafe.text(value)) (issued; replaces the provisional \(TerminalSafe.text(provisional)))"
            }
            let issuer = bundle.items.first { $0.issues.contains { $0.field == issued.id } }
            let until = issuer.map { " until \($0.names.en) issues it" } ?? ""
            return "\(label): provisional \(TerminalSafe.text(provisional))\(until)"
        }
    }
}
