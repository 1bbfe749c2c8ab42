import VaneContent

/// An iCalendar file (RFC 5545) with one all-day VEVENT per event.
///
/// A day-precision event is that day. A coarser date covers its whole period (a month
/// from its first to its last day, a quarter, a year), and the summary and description
/// say the precision, so a calendar never shows a day the author did not write. A span
/// runs from its start to its end, the same way.
struct CalendarFeed {
    let model: SiteModel
    let name: String
    let events: [Entry]

    var text: String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Weathervane//vane//EN", "CALSCALE:GREGORIAN", "X-WR-CALNAME:" + CalendarFeed.escape(name),
        ]
        let host =
            model.kb.config.baseURL.isEmpty
            ? "weathervane.invalid" : (model.kb.config.baseURL.split(separator: "/").dropFirst().first.map(String.init) ?? "weathervane.invalid")
        for event in events {
            guard let date = event.date else { continue }
            let last = event.endDate ?? date
            let exact = date.precision == .day && !date.approximate && (event.endDate == nil || (last.precision == .day && !last.approximate))
            let shown = event.endDate.map { "\(date.display) to \($0.display)" } ?? date.display
            lines.append("BEGIN:VEVENT")
            lines.append("UID:\(event.id)@\(host)")
            lines.append("DTSTAMP:\(CalendarFeed.date(date.startKey))T000000Z")
            lines.append("DTSTART;VALUE=DATE:\(CalendarFeed.date(date.startKey))")
            lines.append("DTEND;VALUE=DATE:\(CalendarFeed.date(last.dayAfterEndKey))")
            lines.append("SUMMARY:" + CalendarFeed.escape(exact ? event.title : "\(event.title) (\(shown))"))
            let note = exact ? "" : "Dated \(shown) (\(date.approximate ? "approximate, " : "")\(date.precision.rawValue) precision). "
            lines.append("DESCRIPTION:" + CalendarFeed.escape(note + (event.type.map { "Type: \($0)." } ?? "")))
            if !model.kb.config.baseURL.isEmpty { lines.append("URL:" + model.kb.config.baseURL + SiteModel.url(of: event)) }
            if let type = event.type { lines.append("CATEGORIES:" + CalendarFeed.escape(type)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(CalendarFeed.fold).joined(separator: "\r\n") + "\r\n"
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
        var parts: [String] = []
        var current = ""
        var octets = 0
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if octets + size > (parts.isEmpty ? 75 : 74) {
                parts.append(current)
                current = ""
                octets = 0
            }
            current.unicodeScalars.append(scalar)
            octets += size
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }

    /// A YYYYMMDD key as iCalendar's DATE, zero-padded for years before 1000.
    static func date(_ key: Int) -> String {
        let text = String(key)
        return String(repeating: "0", count: max(0, 8 - text.count)) + text
    }
}
