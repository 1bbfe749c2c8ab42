/// Site settings from `Site/config.yml`, with the defaults of the spec.
public struct SiteConfig: Sendable, Hashable, Codable {
    /// `Site/config.yml` could not be read (a YAML error, said at its place): its types and
    /// scales are unknown, so what a file names is not judged against the defaults (every
    /// configured type read as an error of its own).
    public var unread = false
    public var title = "Weathervane"
    /// Absolute URL the site is published at, for canonical links; empty when unknown.
    public var baseURL = ""
    public var description = "Available today vs. strategic priority: a vendor-strategy knowledge base."
    /// The content's licence, its URL and where its source lives, for the published
    /// database's metadata; empty when not given.
    public var license = ""
    public var licenseURL = ""
    public var sourceURL = ""
    /// The folder recorded time is read from in git: `Content` (all of it) by default, a
    /// folder under it to scope it, nil to turn it off (`recorded_time` in the settings).
    public var recordedTime: String? = "Content"
    /// Lets raw HTML in bodies through. Off by default: bodies are untrusted input.
    public var unsafeHTML = false
    public var entityTypes = ["vendor", "org", "person", "product", "model", "model-family"]
    public var eventTypes = [
        "launch", "release", "reorg", "licence-change", "pricing", "deprecation", "shutdown",
        "acquisition", "partnership", "statement", "other",
    ]
    /// Entity types that may carry a status.
    public var trackableTypes = ["product", "model", "model-family"]
    /// Most to least available.
    public var availabilityScale = [
        "open-source", "open-weights", "generally-available", "preview", "consumer-only",
        "announced", "closed-to-new", "deprecated", "retired",
    ]
    /// The availability value of a product closed to new customers (`closes`).
    public static let closedToNew = "closed-to-new"
    /// Highest to lowest.
    public var priorityScale = ["flagship", "invested", "maintained", "deprioritized", "sunset", "discontinued"]
    /// Display labels for scale values; others are shown as their id made readable.
    public var statusLabels: [String: String] = SiteConfig.builtInLabels
    /// The labels vane gives values of its own scales beyond the id made readable.
    public static let builtInLabels = [SiteConfig.closedToNew: "Closed to new customers"]

    public static let claimTypes = ClaimType.names
    public static let sourceTypes = ["primary", "news", "analysis", "filing", "other"]

    public init() {}

    /// The values of a scaled axis (`ends` has none).
    public func scale(_ axis: StatusSetting.Axis) -> [String] {
        switch axis {
        case .availability: availabilityScale
        case .priority: priorityScale
        case .ends, .closes, .successors: []
        }
    }

    /// Whether a status may be set on an entity of `type` (any, when the settings are unread).
    public func tracks(_ type: String) -> Bool { unread || trackableTypes.contains(type) }
}
