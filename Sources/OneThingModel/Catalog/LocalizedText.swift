/// A label or name in the two languages the node speaks.
package struct LocalizedText: Codable, Sendable, Hashable {
    package var zh: String
    package var en: String

    package init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }

    package func text(_ language: Language) -> String {
        switch language {
        case .zh: zh
        case .en: en
        }
    }
}

package enum Language: String, Codable, Sendable, CaseIterable {
    case zh, en
}
