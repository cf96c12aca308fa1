package import OneThingModel
package import OneThingStore
package import OneThingTerminal

/// The intake screen's logic: a key in, the next state out; `render` draws the state into a
/// cell buffer. No terminal I/O here (see `KioskLoop`), so every screen can be tested in
/// memory and every key as a state transition.
package final class KioskApp {
    let env: KioskEnvironment
    package internal(set) var screen: Screen = .signIn
    package internal(set) var language: Language = .zh
    /// The signed-in operator.
    package internal(set) var signedIn: OperatorInfo?
    /// One line for the clerk (what happened, what to do next); cleared by the next key.
    package internal(set) var notice: String?
    /// Set when the clerk asks to quit (Ctrl-Q on the sign-in screen).
    package internal(set) var wantsToQuit = false

    var signIn = SignInState()
    var menuCursor = 0
    var items: ItemsState?
    var form: FormState?
    var validated: ValidatedApplication?
    var reviewScroll = 0
    var receipt: ReceiptState?
    var lookup = LookupState()
    var detail: ApplicationDetail?
    var pendingDraft: Draft?
    var conflictList: [ConflictRecord] = []
    var conflictCursor = 0
    var deliveryList: [Delivery] = []
    var deliveryCursor = 0
    var status: QueueStatus?
    var secondsSinceStatus = Double.infinity

    package init(environment: KioskEnvironment) {
        env = environment
        refreshStatus()
    }

    /// One key from the clerk.
    package func handle(_ key: Key) {
        notice = nil
        if key == .function(2) {
            language = language.other
            return
        }
        switch screen {
        case .signIn: handleSignIn(key)
        case .draftOffer: handleDraftOffer(key)
        case .menu: handleMenu(key)
        case .items: handleItems(key)
        case .form: handleForm(key)
        case .review: handleReview(key)
        case .receipt: handleReceipt(key)
        case .rating: handleRating(key)
        case .lookup: handleLookup(key)
        case .detail: handleDetail(key)
        case .deliveries: handleDeliveries(key)
        case .conflicts: handleConflicts(key)
        }
    }

    /// Time passing without a key: refreshes the status line now and then, and after the
    /// idle timeout signs out and clears the last applicant's data (the draft stays saved).
    package func tick(idleSeconds: Double, elapsed: Double) {
        secondsSinceStatus += elapsed
        if secondsSinceStatus >= 5 { refreshStatus() }
        if signedIn != nil, idleSeconds >= env.idleTimeoutSeconds {
            signOut()
            notice = text(zh: "长时间无操作，已自动退出；草稿已保存。", en: "Signed out after a while without a key; the draft is saved.")
        }
    }

    func refreshStatus() {
        status = try? env.store.queueStatus()
        secondsSinceStatus = 0
    }

    /// Back to the sign-in screen with nothing of the last applicant left in memory.
    func signOut() {
        signedIn = nil
        signIn = SignInState()
        clearApplicant()
        screen = .signIn
    }

    func clearApplicant() {
        items = nil
        form = nil
        validated = nil
        receipt = nil
        lookup = LookupState()
        detail = nil
        pendingDraft = nil
        deliveryList = []
        deliveryCursor = 0
        reviewScroll = 0
    }

    func text(zh: String, en: String) -> String {
        language.pick(zh: zh, en: en)
    }

    func say(zh: String, en: String) {
        notice = text(zh: zh, en: en)
    }

    /// A failure of the store, said to the clerk without any applicant data (the store's
    /// messages never carry any).
    func report(_ error: StoreError) {
        notice = text(zh: "保存失败：", en: "Could not save: ") + error.description
    }
}
