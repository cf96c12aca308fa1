import OneThingModel
import OneThingStore

/// Everything the screen shows, as values: `KioskApp.handle` turns a key into the next
/// state, `KioskApp.render` draws it. Tests drive keys and read the state.
package enum Screen: Sendable, Hashable {
    case signIn
    case draftOffer
    case menu
    case items
    case form
    case review
    case receipt
    case rating
    case lookup
    case detail
    case deliveries
    case conflicts
}

struct SignInState: Sendable, Hashable {
    var operatorId = TextField()
    var pin = TextField()
    var onPIN = false
}

/// The application being filled in.
struct FormState: Sendable, Hashable {
    var bundle: String
    var items: [String]
    /// Raw text per field id, as typed.
    var values: [String: String] = [:]
    /// Problems per field id, shown beside it.
    var problems: [String: String] = [:]
    /// The focused field id and its editor.
    var focus: String?
    var editor = TextField()
    /// The first row of the form shown (scrolling).
    var scroll = 0
    /// The delivery record the form was filled from, if any.
    var deliveryId: Int64?
    /// A correction of an application already filed (its id and filing time), not a new one.
    var amending: String?
    var amendingFiledAt: Timestamp?
    /// The catalogue version the application being corrected was filed under: the whole form
    /// is checked under it (as `onething amend` checks it), when the node still has it.
    var amendingCatalogVersion: String?
}

struct ItemsState: Sendable, Hashable {
    var bundle: String
    var selected: Set<String>
    var cursor = 0
}

struct ReceiptState: Sendable, Hashable {
    var applicationId: String
    var bundle: String
    var items: [String]
    var filedAt: Timestamp
    var printed: String?
}

struct LookupState: Sendable, Hashable {
    var query = TextField()
    var results: [ApplicationSummary] = []
    var cursor = 0
    var searched = false
}
