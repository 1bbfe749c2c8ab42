/// A channel's support tier, declared on the product (`channels: [standard,
/// { extended-support: paid }]`): support beyond the standard one, which every view names
/// in words beside the channel ("extended-support (paid)"). A tier changes no arithmetic: a
/// tiered channel is available, falls and ends like any other, and keeps the product
/// available while it runs.
public enum ChannelTier: String, CaseIterable, Sendable, Hashable, Codable {
    /// Support beyond the standard term, at no extra charge or with the charge unknown
    /// (endoflife.date's `eoes`).
    case extended
    /// Support beyond the standard term that customers pay for (Extended Security Updates).
    case paid
    /// A way of buying the product (a suite, a bundle), not of using it: when it closes while
    /// another channel stays, customers buy the product another way, so it is no fall.
    case bundle

    /// `extended-support (paid)`: a channel as every view names it.
    public static func name(_ channel: String, tier: ChannelTier?) -> String {
        tier.map { "\(channel) (\($0.rawValue))" } ?? channel
    }
}

extension EntityInfo {
    /// A channel of this product as views name it, with its tier.
    public func channelName(_ channel: String) -> String { ChannelTier.name(channel, tier: tiers[channel]) }
}

extension StatusBoard {
    /// A product's channel as views name it, with its tier: `extended-support (paid)`.
    public func channelName(_ channel: String, of entity: String) -> String {
        entities[entity]?.channelName(channel) ?? channel
    }

    /// The same, a channel that is an entity by its name, as pages say it: `Example Cloud
    /// (paid)`.
    public func channelTitle(_ channel: String, of entity: String) -> String {
        ChannelTier.name(entities[channel]?.name ?? channel, tier: entities[entity]?.tiers[channel])
    }
}

extension EntityStatus {
    /// Whether sign-ups closed by a closure that came are open again on the day: what it
    /// closed (its channel, or the product) stands above `closed-to-new` now. Said beside it,
    /// or it read as if still closed.
    public func reopened(after closure: AnnouncedEnd, asOf: FuzzyDate, scales: StatusScales) -> Bool {
        guard !closure.isAhead(asOf: asOf), let closed = scales.closed.flatMap({ scales.rank($0, on: .availability) }) else { return false }
        let now = closure.channel.map { channels[$0]?.value } ?? availability?.value
        return now.flatMap { scales.rank($0, on: .availability) }.map { $0 < closed } == true
    }
}
