/// Sex as recorded in the resident identity number (odd sequence = male).
package enum Sex: String, Sendable, Codable, CaseIterable {
    case male
    case female
}
