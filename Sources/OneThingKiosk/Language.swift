public import OneThingModel

/// The kiosk speaks Chinese or English; F2 switches.
public enum Language: String, Sendable, CaseIterable {
    case zh, en

    public var other: Language { self == .zh ? .en : .zh }

    func pick(_ text: LocalizedText) -> String {
        self == .zh ? text.zh : text.en
    }

    func pick(zh: String, en: String) -> String {
        self == .zh ? zh : en
    }
}
