/// A label or name in the two languages the node speaks.
public struct LocalizedText: Codable, Sendable, Hashable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    public func text(_ language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}

public enum Language: String, Codable, Sendable, CaseIterable {
    case zh, en
}
