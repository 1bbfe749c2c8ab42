/// The two ordered scales and their labels; index 0 is the most available / highest priority.
public struct StatusScales: Sendable, Hashable, Codable {
    public var availability: [String]
    public var priority: [String]
    public var labels: [String: String]

    public init(availability: [String], priority: [String], labels: [String: String] = [:]) {
        self.availability = availability
        self.priority = priority
        self.labels = labels
    }

    public init(_ config: SiteConfig) {
        self.init(availability: config.availabilityScale, priority: config.priorityScale, labels: config.statusLabels)
    }

    public func scale(_ axis: StatusSetting.Axis) -> [String] {
        switch axis {
        case .availability: availability
        case .priority: priority
        case .ends, .closes, .successors: []
        }
    }

    /// Position on an axis: 0 is the top of the scale.
    public func rank(_ value: String, on axis: StatusSetting.Axis) -> Int? {
        scale(axis).firstIndex(of: value)
    }

    /// 1 at the top of the scale, 0 at the bottom: the numbers the risk formula uses.
    public func score(_ value: String, on axis: StatusSetting.Axis) -> Double? {
        let values = scale(axis)
        guard let rank = rank(value, on: axis), values.count > 1 else { return nil }
        return Double(values.count - 1 - rank) / Double(values.count - 1)
    }

    /// The configured label, or the id made readable: `open-weights` → `Open weights`.
    public func label(_ value: String) -> String {
        if let label = labels[value] { return label }
        // Byte by byte: Foundation's `replacingOccurrences` was most of a status page's labels.
        let words = String(decoding: value.utf8.map { $0 == UInt8(ascii: "-") ? UInt8(ascii: " ") : $0 }, as: UTF8.self)
        return words.prefix(1).uppercased() + words.dropFirst()
    }

    /// The label inside a sentence ("Still generally available"): a default one in lower
    /// case (vane's own "Closed to new customers" too), a configured one as written (`GA`
    /// stays `GA`, not "ga").
    public func inSentence(_ value: String) -> String {
        guard let written = labels[value], written != SiteConfig.builtInLabels[value] else { return label(value).lowercased() }
        return written
    }

    /// The value a closure to new customers sets, when the scale has it.
    public var closed: String? { availability.contains(SiteConfig.closedToNew) ? SiteConfig.closedToNew : nil }

    /// Still usable, but on its way out: deprecated (the second-to-last value) or closed to
    /// new customers, or anything between the two on a scale of one's own (`legacy` on
    /// `[live, beta, closed-to-new, legacy, sunset-only, gone]`: a fall from closed-to-new to
    /// it ranked the product as drifting, 81 down to 41).
    public func isWindingDown(_ availability: String) -> Bool {
        availability == self.availability.dropLast().last || closesSignUps(availability) && !isGone(availability)
    }

    /// Whether sign-ups are closed at `availability`: `closed-to-new` or anything below it
    /// (gone too); never on a scale without `closed-to-new`.
    public func closesSignUps(_ availability: String) -> Bool {
        guard let closed, let closedAt = rank(closed, on: .availability), let at = rank(availability, on: .availability) else { return false }
        return at >= closedAt
    }

    /// Whether `availability` is where an end (gone) or a closure (sign-ups closed) leaves
    /// what it ends.
    public func reached(_ kind: AnnouncedEnd.Kind, at availability: String) -> Bool {
        kind == .end ? isGone(availability) : closesSignUps(availability)
    }

    /// The last availability value (`retired` by default): the product is gone.
    public func isGone(_ availability: String) -> Bool { availability == self.availability.last }
}
