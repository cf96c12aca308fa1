import OneThingModel
import OneThingStore
package import OneThingTerminal

/// Styles of the screen, readable on a Linux console's 16 colours.
enum Look {
    static let title = Style(foreground: .white, background: .blue, bold: true)
    static let status = Style(foreground: .black, background: .white)
    static let statusOffline = Style(foreground: .white, background: .red, bold: true)
    static let focus = Style(reverse: true)
    static let input = Style(underline: true)
    static let problem = Style(foreground: .red, bold: true)
    static let hint = Style(foreground: .cyan)
    static let notice = Style(foreground: .yellow, bold: true)
    static let label = Style.plain
    static let group = Style(foreground: .green, bold: true)
    static let dim = Style(dim: true)
}

extension KioskApp {
    /// The smallest screen the layout is made for.
    package static let minimumSize = (width: 80, height: 24)

    /// Draws the current state into `buffer` (blank, of the terminal's size); returns where
    /// the cursor goes (nil: hidden).
    package func render(into buffer: inout Buffer) -> (x: Int, y: Int)? {
        guard buffer.width >= Self.minimumSize.width, buffer.height >= Self.minimumSize.height else {
            buffer.put(text(zh: "终端太小：需要至少 80x24。", en: "The terminal is too small: 80x24 at least."), x: 0, y: 0, style: Look.notice)
            return nil
        }
        drawTitle(&buffer)
        drawStatus(&buffer)
        let body = Rect(x: 0, y: 2, width: buffer.width, height: buffer.height - 5)
        var cursor: (x: Int, y: Int)?
        switch screen {
        case .signIn: cursor = drawSignIn(&buffer, body)
        case .draftOffer: drawDraftOffer(&buffer, body)
        case .menu: drawMenu(&buffer, body)
        case .items: drawItems(&buffer, body)
        case .form: cursor = drawForm(&buffer, body)
        case .review: drawReview(&buffer, body)
        case .receipt: drawReceipt(&buffer, body)
        case .rating: drawRating(&buffer, body)
        case .lookup: cursor = drawLookup(&buffer, body)
        case .detail: drawDetail(&buffer, body)
        case .deliveries: drawDeliveries(&buffer, body)
        case .conflicts: drawConflicts(&buffer, body)
        }
        drawFooter(&buffer)
        return cursor
    }

    private func drawTitle(_ buffer: inout Buffer) {
        buffer.fill(Rect(x: 0, y: 0, width: buffer.width, height: 1), style: Look.title)
        let title = text(zh: "一件事 · 联办受理", en: "OneThing · joint intake") + "  " + screenTitle
        buffer.put(" " + title, x: 0, y: 0, style: Look.title)
        if let who = signedIn {
            let tag = "\(who.name) (\(who.id)) "
            let width = DisplayWidth.of(tag)
            buffer.put(tag, x: max(0, buffer.width - width), y: 0, style: Look.title, maxWidth: min(width, buffer.width / 2))
        }
    }

    private var screenTitle: String {
        switch screen {
        case .signIn: text(zh: "登录", en: "Sign in")
        case .draftOffer: text(zh: "未完成的草稿", en: "Unfinished draft")
        case .menu: text(zh: "选择办理事项", en: "Choose a bundle")
        case .items: text(zh: "选择子事项", en: "Choose the items")
        case .form: form?.amending != nil ? text(zh: "更正申请", en: "Correct an application") : text(zh: "填写申请表", en: "The application form")
        case .review: text(zh: "核对并确认", en: "Review and confirm")
        case .receipt: text(zh: "受理回执", en: "Receipt")
        case .rating: text(zh: "服务评价（好差评）", en: "Rate the service")
        case .lookup: text(zh: "查询办理进度", en: "Look up an application")
        case .detail: text(zh: "办理进度", en: "Application status")
        case .deliveries: text(zh: "分娩记录", en: "Delivery records")
        case .conflicts: text(zh: "处理冲突", en: "Resolve conflicts")
        }
    }

    /// The last row: the node's sync state, always visible.
    private func drawStatus(_ buffer: inout Buffer) {
        let y = buffer.height - 1
        let offline = status?.lastError != nil
        let style = offline ? Look.statusOffline : Look.status
        buffer.fill(Rect(x: 0, y: y, width: buffer.width, height: 1), style: style)
        let waiting = (status?.outbox["queued"] ?? 0) + (status?.outbox["in_flight"] ?? 0)
        let last = status?.lastSuccessAt.map { String($0.description.dropFirst(5).prefix(11)).replacingOccurrences(of: "T", with: " ") }
        var parts = [text(zh: "待同步 \(waiting)", en: "to sync \(waiting)")]
        parts.append(text(zh: "上次同步 ", en: "last sync ") + (last ?? text(zh: "从未", en: "never")))
        parts.append(offline ? text(zh: "离线（申请已保存在本机）", en: "offline (applications kept here)") : text(zh: "在线", en: "online"))
        buffer.put(" " + parts.joined(separator: " · "), x: 0, y: y, style: style)
        let keys = text(zh: "F2 English ", en: "F2 中文 ")
        buffer.put(keys, x: buffer.width - DisplayWidth.of(keys), y: y, style: style)
    }

    /// The notice (what just happened) or the keys of this screen, above the status line.
    private func drawFooter(_ buffer: inout Buffer) {
        let y = buffer.height - 2
        if let notice {
            buffer.put(" " + notice, x: 0, y: y, style: Look.notice)
        } else if let focusMessage = focusedFieldMessage {
            buffer.put(" " + focusMessage.text, x: 0, y: y, style: focusMessage.isProblem ? Look.problem : Look.hint)
        }
        buffer.put(" " + keysHelp, x: 0, y: buffer.height - 3, style: Look.dim)
    }

    private var keysHelp: String {
        switch screen {
        case .signIn: text(zh: "Enter 登录 · Tab 切换 · Ctrl-Q 退出", en: "Enter sign in · Tab switch · Ctrl-Q quit")
        case .draftOffer: text(zh: "Enter 继续填写 · N 放弃草稿 · Esc 稍后", en: "Enter continue · N discard · Esc later")
        case .menu: text(zh: "↑↓ 选择 · Enter 确定 · 数字键直达 · Esc 退出登录", en: "↑↓ choose · Enter open · digits jump · Esc sign out")
        case .items: text(zh: "空格 勾选 · Enter 填表 · Esc 返回", en: "Space tick · Enter to the form · Esc back")
        case .form: text(zh: "Tab 下一项 · Shift-Tab 上一项 · ←→ 选项 · F4 分娩记录 · F10 核对 · Esc 存草稿", en: "Tab next · Shift-Tab back · ←→ options · F4 deliveries · F10 review · Esc draft")
        case .review: text(zh: "Enter 确认提交 · ↑↓ 滚动 · Esc 返回修改", en: "Enter confirm · ↑↓ scroll · Esc back to the form")
        case .receipt: text(zh: "P 打印回执 · Enter 继续", en: "P print the receipt · Enter continue")
        case .rating: text(zh: "1-5 评分 · Enter 跳过", en: "1-5 rate · Enter skip")
        case .lookup: text(zh: "Enter 查询/打开 · ↑↓ 选择 · Esc 返回", en: "Enter search/open · ↑↓ choose · Esc back")
        case .detail: text(zh: "C 更正并重新提交 · K 处理冲突 · Esc 返回", en: "C correct and re-submit · K conflicts · Esc back")
        case .deliveries: text(zh: "↑↓ 选择 · Enter 填入 · Esc 返回", en: "↑↓ choose · Enter fill in · Esc back")
        case .conflicts: text(zh: "↑↓ 选择 · L 保留本机 · H 采用省级 · Esc 返回", en: "↑↓ choose · L keep this node's · H keep the hub's · Esc back")
        }
    }
}
