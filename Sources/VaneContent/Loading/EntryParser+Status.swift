import Foundation
import VaneDiagnostics
import Yams

/// The `status` of an event: values per axis and channel, dated announcements, successor
/// advice.
extension EntryParser {

    /// `status:` maps entity ids to axes; availability may be split by channel.
    func readStatus(_ fm: inout FrontMatter, eventDate: FuzzyDate?, into e: inout Entry) -> [StatusSetting] {
        guard let (node, at) = fm.node("status") else { return [] }
        guard case .mapping(let byEntity) = node else {
            fm.diagnostics.append(.error(at, "'status' must map entity ids to axes, e.g. 'llama: { priority: maintained }'"))
            return []
        }
        var settings: [StatusSetting] = []
        // An id is read in any case: `Llama:` after `llama:` sets it again (the last won, in silence).
        var written: [String: SourceLocation] = [:]
        for (key, axes) in byEntity {
            guard let entity = key.string else { continue }
            let entityText = LocatedText(entity, at: fm.location(of: key))
            if let first = written[entity.lowercased()] {
                fm.diagnostics.append(.error(entityText.location, EntryParser.writtenTwice(entity, first: first)))
                continue
            }
            written[entity.lowercased()] = entityText.location
            guard case .mapping(let axisMap) = axes else {
                fm.diagnostics.append(
                    .error(
                        fm.location(of: axes), "the status of '\(entity)' must map axes (availability, priority, ends, closes, successors) to values")
                )
                continue
            }
            // Keyed by axis, not by entity (`availability: { anvil: … }`): the names under it
            // are entities, not axes (an entity whose id is an axis's name maps axes).
            if StatusSetting.Axis(rawValue: entity) != nil, !axisMap.contains(where: { StatusSetting.Axis(rawValue: $0.key.string ?? "") != nil }) {
                let example = axisMap.first?.key.string.map { "'\($0): { \(entity): … }'" } ?? "'llama: { \(entity): … }'"
                fm.diagnostics.append(
                    .error(entityText.location, "'\(entity)' is a status axis, not an entity: 'status' maps each entity to its axes, as \(example)"))
                continue
            }
            let start = settings.count
            defer { closuresAfterTheirEnd(settings[start...], &fm) }
            let problems = fm.diagnostics.count + e.channelsNotIDs.count
            defer {
                // Its name is still checked when no axis could be read (an unknown axis, a
                // mistyped value, a channel that is no id): all problems in one run.
                if fm.diagnostics.count + e.channelsNotIDs.count > problems && settings.count == start {
                    e.references.append(Reference(.setsStatus, entity, at: entityText.location))
                }
            }
            for (axisKey, value) in axisMap {
                let name = axisKey.string ?? ""
                guard let axis = StatusSetting.Axis(rawValue: name) else {
                    let axes = StatusSetting.Axis.allCases.map(\.rawValue)
                    var hint = Suggestion.hint(for: name, in: axes)
                    // The day of an announcement written beside the axes, as one says it, not inside its end.
                    if hint.isEmpty, name == "announced" || Suggestion.closest(to: name, in: ["announced"]) != nil {
                        hint =
                            ": the day an end or closure was announced is written inside it, as 'ends: { date: 2026-01-15, announced: 2024-12-01 }'"
                    }
                    // A fold is the entity's, undated; advice on the day is `successors`.
                    if name == "folded_into" {
                        hint =
                            ": a fold is written on the entity ('folded_into: [id]'), for every day; advice given on the event's day is 'successors: [id]'"
                    }
                    if hint.isEmpty { hint = " (a status sets \(axes.joined(separator: ", ")))" }
                    fm.diagnostics.append(.error(fm.location(of: axisKey), "unknown status axis '\(name)'\(hint)"))
                    continue
                }
                if axis == .successors {
                    settings += readSuccessors(&fm, value, entity: entityText).map { [$0] } ?? []
                } else {
                    var (refused, notIDs): ([StatusSetting], [LocatedText]) = ([], [])
                    settings += readAxis(&fm, axis, value, entity: entityText, eventDate: eventDate, refused: &refused, notIDs: &notIDs)
                    e.refusedChannels += refused
                    e.channelsNotIDs += notIDs
                }
            }
        }
        return settings
    }

    /// An id written twice in one mapping, in another case: said at the repeat, as a key
    /// written twice is.
    static func writtenTwice(_ written: String, first: SourceLocation) -> String {
        "'\(written)' is written already on line \(first.line) (an id is read in any case, so this sets it twice): write it once"
    }

    private func readAxis(
        _ fm: inout FrontMatter, _ axis: StatusSetting.Axis, _ value: Node, entity: LocatedText, eventDate: FuzzyDate?,
        refused: inout [StatusSetting], notIDs: inout [LocatedText]
    ) -> [StatusSetting] {
        // Each value with its channel; a channel that is no id is said, and its value still
        // checked (its other problems come in the same run) but set nowhere.
        var channels: [(name: String?, at: SourceLocation?, value: Node, checkOnly: Bool)] = []
        switch value {
        case .scalar: channels = [(nil, nil, value, false)]
        case .mapping where axis.isScheduled && EntryParser.isDatedAnnouncement(value): channels = [(nil, nil, value, false)]
        case .mapping(let byChannel) where axis != .priority:
            var seen: [String: SourceLocation] = [:]
            for (channel, v) in byChannel {
                let written = channel.string ?? ""
                // An id in another case is the id (`AOAI`, an alias of an entity, as links read it).
                let name = written.lowercased()
                guard IDRule.isValid(name) else {
                    notIDs.append(LocatedText(written, at: fm.location(of: channel)))
                    channels.append((nil, nil, v, true))
                    continue
                }
                if let first = seen[name] {
                    fm.diagnostics.append(.error(fm.location(of: channel), EntryParser.writtenTwice(written, first: first)))
                    continue
                }
                seen[name] = fm.location(of: channel)
                channels.append((name, fm.location(of: channel), v, false))
            }
        default:
            fm.diagnostics.append(
                .error(
                    fm.location(of: value), "\(axis.rawValue) must be one value\(axis != .priority ? " or a mapping of channels to values" : "")")
            )
        }
        var settings: [StatusSetting] = []
        for (channel, channelAt, written, checkOnly) in channels {
            // A value refused keeps its channel, which is checked with the others.
            func refuse() {
                guard let channel, !checkOnly else { return }
                refused.append(
                    StatusSetting(
                        entity: entity, axis: axis, channel: channel, value: "", location: fm.location(of: written), channelLocation: channelAt))
            }
            var node = written
            var announced: String?
            if axis.isScheduled, EntryParser.isDatedAnnouncement(written) {
                guard let (date, first) = datedAnnouncement(&fm, written, axis: axis, eventDate: eventDate) else {
                    refuse()
                    continue
                }
                (node, announced) = (date, first)
            }
            let at = fm.location(of: node)
            guard case .scalar(let s) = node else {
                fm.diagnostics.append(.error(at, "a status value must be text"))
                refuse()
                continue
            }
            var value = s.string
            if axis == .ends || axis == .closes {
                guard let scheduled = scheduledValue(&fm, axis, s.string, at: at, eventDate: eventDate) else {
                    refuse()
                    continue
                }
                value = scheduled
            } else {
                let scale = config.scale(axis)
                guard scale.contains(s.string) || config.unread else {
                    // A value of the other axis's scale says so (`priority: deprecated`).
                    let other: StatusSetting.Axis = axis == .availability ? .priority : .availability
                    let said = EntryParser.industryWords[s.string.lowercased()].flatMap { $0[axis] }.flatMap { scale.contains($0) ? $0 : nil }
                    let hint =
                        config.scale(other).contains(s.string)
                        ? " ('\(s.string)' is on the \(other.rawValue) scale: write it as '\(other.rawValue): \(s.string)')"
                        : said.map { " (did you mean '\($0)'?)" } ?? Suggestion.hint(for: s.string, in: scale)
                    fm.diagnostics.append(
                        .error(at, "'\(s.string)' is not on the \(axis.rawValue) scale\(hint); the scale is \(scale.joined(separator: ", "))"))
                    refuse()
                    continue
                }
            }
            if checkOnly { continue }
            var setting = StatusSetting(entity: entity, axis: axis, channel: channel, value: value, location: at, channelLocation: channelAt)
            setting.announced = announced
            settings.append(setting)
        }
        return settings
    }

    /// `{ date: 2025-10-14, announced: 2019-02 }`: an end with the day it was first announced.
    /// A key mistyped (`annouced`) keeps the form, and is said at the key: read as channels,
    /// it made a channel named `date`.
    static func isDatedAnnouncement(_ node: Node) -> Bool {
        guard case .mapping(let pairs) = node else { return false }
        let keys = pairs.keys.compactMap(\.string)
        return keys.contains(where: datedKeys.contains)
            && keys.allSatisfy { datedKeys.contains($0) || Suggestion.closest(to: $0, in: datedKeys) != nil }
    }

    private static let datedKeys = ["date", "announced"]

    /// The date node of a dated announcement and its `announced` text, checked: a date no
    /// later than the event (it was announced before it was recorded) nor than the end.
    private func datedAnnouncement(_ fm: inout FrontMatter, _ node: Node, axis: StatusSetting.Axis, eventDate: FuzzyDate?)
        -> (Node, String?)?
    {
        guard case .mapping(let pairs) = node else { return nil }
        let what = axis == .ends ? "end" : "closure"
        for key in pairs.keys {
            guard let name = key.string, !EntryParser.datedKeys.contains(name) else { continue }
            fm.diagnostics.append(
                .error(
                    fm.location(of: key),
                    "unknown key '\(name)' in a dated \(what)\(Suggestion.hint(for: name, in: EntryParser.datedKeys)); it takes 'date' and 'announced'"
                ))
        }
        guard let date = pairs["date"] else {
            fm.diagnostics.append(.error(fm.location(of: node), "a dated \(what) takes its 'date' (and 'announced', the day it was first said)"))
            return nil
        }
        guard let first = pairs["announced"] else { return (date, nil) }
        let at = fm.location(of: first)
        // A wrong 'announced' is said, and the date it goes with is still read: what is
        // checked against the end (a closure after it) is said in the same run.
        guard case .scalar(let s) = first, let announced = try? FuzzyDate(parsing: s.string) else {
            fm.diagnostics.append(.error(at, "'announced' takes the date the \(axis == .ends ? "end" : "closure") was first announced"))
            return (date, nil)
        }
        // Within the event's own period is not after it: an event known to the quarter, the
        // vendor's day in it (15 August in Q3) was refused.
        if let eventDate, announced.startKey > eventDate.endKey {
            fm.diagnostics.append(
                .error(at, "'announced' (\(announced.text)) is after its event (\(eventDate.text)): it says when the vendor first said so"))
            return (date, nil)
        }
        if case .scalar(let d) = date, let end = try? FuzzyDate(parsing: d.string), announced.startKey > end.startKey {
            fm.diagnostics.append(.error(at, "'announced' (\(announced.text)) is after the date it announces (\(end.text))"))
            return (date, nil)
        }
        return (date, s.string)
    }

    /// `successors: [github, gitlab]` (or one id), or `none`: advice for the whole product,
    /// never per channel. The ids are resolved by the linker.
    private func readSuccessors(_ fm: inout FrontMatter, _ value: Node, entity: LocatedText) -> StatusSetting? {
        let at = fm.location(of: value)
        var targets: [LocatedText] = []
        switch value {
        case .scalar(let s) where s.string == "none": break
        case .scalar(let s): targets = [LocatedText(s.string, at: at)]
        case .sequence(let items):
            for item in items {
                guard case .scalar(let s) = item, !s.string.isEmpty else {
                    fm.diagnostics.append(.error(fm.location(of: item), "each successor must be an id"))
                    return nil
                }
                targets.append(LocatedText(s.string, at: fm.location(of: item)))
            }
            if targets.isEmpty {
                fm.diagnostics.append(.error(at, "'successors' lists no id; write 'none' to withdraw the advice"))
                return nil
            }
        default:
            fm.diagnostics.append(.error(at, "'successors' takes an id, a list of ids, or 'none' (not a mapping of channels)"))
            return nil
        }
        var setting = StatusSetting(
            entity: entity, axis: .successors, channel: nil, value: targets.isEmpty ? "none" : targets.map(\.text).joined(separator: " "),
            location: at, channelLocation: nil)
        setting.targets = targets
        return setting
    }

    /// A closure on or after the end announced with it, for the product or the same channel
    /// (a whole-product end ends every channel), can never come: it is said at the closure.
    private func closuresAfterTheirEnd(_ settings: ArraySlice<StatusSetting>, _ fm: inout FrontMatter) {
        for closure in settings where closure.axis == .closes {
            guard let closes = try? FuzzyDate(parsing: closure.value),
                let end = settings.first(where: { end in
                    end.axis == .ends && (end.channel == nil || end.channel == closure.channel)
                        && (try? FuzzyDate(parsing: end.value)).map { $0.startKey <= closes.startKey } == true
                })
            else { continue }
            fm.diagnostics.append(
                .warning(
                    closure.location,
                    "sign-ups close (\(closure.value)) on or after the end (\(end.value)) announced with them: they can never close, as nothing is left to sign up to"
                ))
        }
    }

    /// An `ends` or `closes` value: a date no earlier than its event's, or `none`.
    private func scheduledValue(_ fm: inout FrontMatter, _ axis: StatusSetting.Axis, _ text: String, at: SourceLocation, eventDate: FuzzyDate?)
        -> String?
    {
        let name = axis.rawValue
        if axis == .closes && !config.availabilityScale.contains(SiteConfig.closedToNew) {
            fm.diagnostics.append(.error(at, "'closes' needs '\(SiteConfig.closedToNew)' on the availability scale (Site/config.yml)"))
            return nil
        }
        if text == "none" { return text }
        let date: FuzzyDate
        do {
            date = try FuzzyDate(parsing: text)
        } catch {
            fm.diagnostics.append(.error(at, "\(error.message); '\(name)' takes a date or 'none'"))
            return nil
        }
        if let eventDate, date.startKey < eventDate.startKey {
            let what = axis == .ends ? "an end" : "a closure"
            fm.diagnostics.append(.error(at, "'\(name)' (\(date.text)) starts before its event (\(eventDate.text)): \(what) is announced ahead"))
            return nil
        }
        return text
    }
}

extension EntryParser {
    /// The industry's own words for values of the scales (`GA`, `EOL`, `beta`), which no
    /// spelling is close to: the value each means, by axis.
    static let industryWords: [String: [StatusSetting.Axis: String]] = [
        "ga": [.availability: "generally-available"], "general availability": [.availability: "generally-available"],
        "generally available": [.availability: "generally-available"], "available": [.availability: "generally-available"],
        "beta": [.availability: "preview"], "alpha": [.availability: "preview"], "public preview": [.availability: "preview"],
        "private preview": [.availability: "preview"], "rc": [.availability: "preview"], "experimental": [.availability: "preview"],
        "eol": [.availability: "retired", .priority: "discontinued"], "end of life": [.availability: "retired", .priority: "discontinued"],
        "end-of-life": [.availability: "retired", .priority: "discontinued"], "shutdown": [.availability: "retired"],
        "shut down": [.availability: "retired"], "sunsetted": [.availability: "retired"], "discontinued": [.availability: "retired"],
        "maintenance": [.priority: "maintained"], "maintenance mode": [.priority: "maintained"], "lts": [.priority: "maintained"],
        "oss": [.availability: "open-source"], "open source": [.availability: "open-source"],
        "closed to new customers": [.availability: "closed-to-new"], "closed": [.availability: "closed-to-new"],
        "core": [.priority: "flagship"], "strategic": [.priority: "invested"],
    ]
}
