import VaneContent

/// An iCalendar file (RFC 5545) with one all-day VEVENT per item: an event, or an
/// announced end of availability.
///
/// A day-precision date is that day. A coarser date covers its whole period (a month
/// from its first to its last day, a quarter, a year), and the summary and description
/// say the precision, so a calendar never shows a day the author did not write. A span
/// runs from its start to its end, the same way.
struct CalendarFeed {
    /// One VEVENT.
    struct Item {
        var uid: String
        var date: FuzzyDate
        /// The end of a span.
        var last: FuzzyDate?
        var title: String
        var description: String
        /// The page it links to, relative to the site.
        var page: String
        var category: String?
    }

    let model: SiteModel
    let name: String
    let items: [Item]
    /// The day every DTSTAMP names, at 00:00:00Z; nil stamps each item with its own date.
    let stamp: FuzzyDate?

    init(model: SiteModel, name: String, events: [Entry]) {
        self.init(model: model, name: name, items: Self.items(events: events))
    }

    /// One item per dated event, on its day (or its span).
    static func items(events: [Entry]) -> [Item] {
        events.compactMap { e in
            e.date.map {
                Item(
                    uid: e.id, date: $0, last: e.endDate, title: e.title, description: e.type.map { "Type: \($0)." } ?? "",
                    page: SiteModel.url(of: e), category: e.type)
            }
        }
    }

    init(model: SiteModel, name: String, items: [Item], stamp: FuzzyDate? = nil) {
        self.model = model
        self.name = name
        self.items = items
        self.stamp = stamp
    }

    /// One item per announced end: on the end's date, with the notice and successors.
    /// Its summary names the product and what ends: `Amazon WorkMail: new-customers end`,
    /// or `Amazon WorkMail: end` when the whole product does.
    static func items(ends: [AnnouncedEnd], model: SiteModel) -> [Item] {
        ends.map { end in
            let product = model.kb.title(of: end.entity) ?? end.entity
            let channel = end.channel.map { " \(model.channelName($0, of: end.entity))" } ?? ""
            let announcer = model.kb.title(of: end.event) ?? end.event
            // The notice says the day it runs from when it is not this announcement's.
            var text = "Announced \(end.announced.display) (\(announcer)): \(end.noticeOf)."
            // A product folded into another (its users carried over) is not succeeded by it.
            let folds = Set(model.board.entities[end.entity]?.foldedInto ?? [])
            let (folded, successors) = model.board.successors(of: end.entity).reduce(into: ([String](), [String]())) { lists, id in
                let name = model.kb.title(of: id) ?? id
                if folds.contains(id) { lists.0.append(name) } else { lists.1.append(name) }
            }
            if !folded.isEmpty { text += " Folded into \(folded.joined(separator: ", ")): its users were carried over." }
            if !successors.isEmpty { text += " Succeeded by \(successors.joined(separator: ", "))." }
            // As the pages say it: "ended as announced", "ended about 3 days late" (a month's end).
            if end.slip != nil { text += " It \(end.countdown(asOf: model.board.asOf))." }
            return Item(
                uid: CalendarFeed.uid("end", end.entity, end.channel ?? "", end.event), date: end.date, title: "\(product):\(channel) end",
                description: text, page: "entities/\(end.entity).html", category: "end")
        }
    }

    var text: String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Weathervane//vane//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + CalendarFeed.escape(name),
        ]
        let host =
            model.kb.config.baseURL.isEmpty
            ? "weathervane.invalid" : (model.kb.config.baseURL.split(separator: "/").dropFirst().first.map(String.init) ?? "weathervane.invalid")
        for item in items {
            let date = item.date
            let last = item.last ?? date
            let exact = date.precision == .day && !date.approximate && (item.last == nil || (last.precision == .day && !last.approximate))
            let shown = FuzzyDate.display(date, to: item.last)
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(item.uid)@\(host)")
            // Without a stamp, the item's own day, never after the site's (RFC 5545: when the
            // information was written; an event ahead was written by the as-of day).
            lines.append("DTSTAMP:\(CalendarFeed.date(stamp?.endKey ?? min(date.startKey, model.board.asOf.endKey)))T000000Z")
            lines.append("DTSTART;VALUE=DATE:\(CalendarFeed.date(date.startKey))")
            lines.append("DTEND;VALUE=DATE:\(CalendarFeed.date(last.dayAfterEndKey))")
            lines.append("SUMMARY:" + CalendarFeed.escape(exact ? item.title : "\(item.title) (\(shown))"))
            let note = exact ? "" : "Dated \(shown) (\(date.approximate ? "approximate, " : "")\(date.precision.rawValue) precision). "
            lines.append("DESCRIPTION:" + CalendarFeed.escape(note + item.description))
            if !model.kb.config.baseURL.isEmpty { lines.append("URL:" + model.kb.config.baseURL + item.page) }
            if let category = item.category { lines.append("CATEGORIES:" + CalendarFeed.escape(category)) }
            lines.append("END:VEVENT")
        }
        // RFC 5545 asks a calendar for one component at least: with no event, the time
        // zone every date is in (UTC), which clients read and show nothing for.
        if items.isEmpty {
            lines += [
                "BEGIN:VTIMEZONE", "TZID:UTC", "BEGIN:STANDARD", "DTSTART:19700101T000000", "TZOFFSETFROM:+0000", "TZOFFSETTO:+0000",
                "TZNAME:UTC", "END:STANDARD", "END:VTIMEZONE",
            ]
        }
        lines.append("END:VCALENDAR")
        return lines.map(CalendarFeed.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// A UID made of parts, each with `/` (and `%`) escaped, joined by `/`: two parts can
    /// never run into one (`zed` + `api-all` against `zed-api` + `all`).
    static func uid(_ parts: String...) -> String {
        parts.map { $0.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "/", with: "%2F") }.joined(separator: "/")
    }

    /// TEXT values escape backslash, semicolon, comma and line breaks (RFC 5545 3.3.11).
    static func escape(_ s: String) -> String {
        Escape.map(s) { c in
            switch c {
            case "\\": "\\\\"
            case ";": "\\;"
            case ",": "\\,"
            case "\n": "\\n"
            case "\r", "\u{0}"..."\u{8}", "\u{B}"..."\u{1F}", "\u{7F}": ""
            default: nil
            }
        }
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside
    /// a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        let utf8 = Array(line.utf8)
        guard utf8.count > 75 else { return line }
        var folded: [UInt8] = []
        folded.reserveCapacity(utf8.count + utf8.count / 24)
        var start = 0
        var limit = 75
        while utf8.count - start > limit {
            // Back to the first byte of the scalar the limit cuts (a continuation byte is 10xxxxxx).
            var end = start + limit
            while utf8[end] & 0xC0 == 0x80 { end -= 1 }
            folded.append(contentsOf: utf8[start..<end])
            folded.append(contentsOf: [13, 10, 32])
            start = end
            limit = 74
        }
        folded.append(contentsOf: utf8[start...])
        return String(decoding: folded, as: UTF8.self)
    }

    /// A YYYYMMDD key as iCalendar's DATE, zero-padded for years before 1000.
    static func date(_ key: Int) -> String {
        let text = String(key)
        return String(repeating: "0", count: max(0, 8 - text.count)) + text
    }
}
