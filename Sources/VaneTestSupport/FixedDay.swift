import VaneContent

/// Golden pages are rendered as of a fixed day, so they do not change with the calendar.
public let fixedDay = try! FuzzyDate(parsing: "2026-11-26")
