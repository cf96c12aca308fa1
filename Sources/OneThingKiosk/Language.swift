package import OneThingModel

/// The kiosk speaks the catalogue's two languages; F2 switches.
extension Language {
    package var other: Language { self == .zh ? .en : .zh }

    func pick(_ text: LocalizedText) -> String {
        text.text(self)
    }

    func pick(zh: String, en: String) -> String {
        self == .zh ? zh : en
    }
}
