import Testing

@testable import VaneSite

/// A chip's label too long for it is cut in the product's name before its channels, which
/// tell its chips apart (two chips read "Microsoft SQL Ser…", one retired, one available);
/// the name keeps its end, where its version is ("Microso… · standard" read the same for
/// every Windows version).
struct ChipLabelTests {
    @Test func aCutChipKeepsItsChannels() {
        let standard = PositionChart.fit("Microsoft SQL Server 2019 · standard", name: "Microsoft SQL Server 2019")
        #expect(standard.hasPrefix("…") && standard.hasSuffix("2019 · standard"), "\(standard)")
        // Channels too long to leave the name more than a few letters are cut too.
        let extended = PositionChart.fit("Microsoft SQL Server 2019 · extended-support", name: "Microsoft SQL Server 2019")
        #expect(extended.hasPrefix("…") && extended.contains("2019 · extende") && extended.hasSuffix("…"), "\(extended)")
        #expect(standard != extended)
        #expect(PositionChart.fit("Short · api", name: "Short") == "Short · api")
        let whole = PositionChart.fit("Microsoft SQL Server 2019 Enterprise", name: "Microsoft SQL Server 2019 Enterprise")
        #expect(whole.hasPrefix("…") && whole.hasSuffix("2019 Enterprise"), "\(whole)")
        // Two versions of one product stay apart.
        #expect(
            PositionChart.fit("Microsoft Windows 10 22H2 · standard", name: "Microsoft Windows 10 22H2")
                != PositionChart.fit("Microsoft Windows 10 21H2 · standard", name: "Microsoft Windows 10 21H2"))
        for label in [standard, extended, whole] { #expect(TextWidth.of(label, size: 12) <= 140, "\(label)") }
        // The kept end starts at a word ("…t SQL Server 2017" read as a word "t").
        for width in [80.0, 100, 110, 120, 130] {
            let end = TextWidth.fitEnd("Microsoft SQL Server 2017", size: 12, width: width).dropFirst()
            #expect(["2017", "Server 2017", "SQL Server 2017"].contains(end), "\(width): \(end)")
        }
        // With long channels, the name keeps its last word whole ("…kspace · gemini-…").
        let addOn = PositionChart.fit("Gemini for Workspace · gemini-business-addon (bundle)", name: "Gemini for Workspace")
        #expect(addOn.hasPrefix("…Workspace · gem") && addOn.hasSuffix("…") && TextWidth.of(addOn, size: 12) <= 140, "\(addOn)")
        #expect(TextWidth.fitEnd("Supercalifragilistic", size: 12, width: 60).hasPrefix("…"))
        #expect(TextWidth.fitEnd("Supercalifragilistic", size: 12, width: 60).count > 2)
    }

    /// A cycle's nickname goes before its number: "Debian 12 · standard", not "Debian… · standard".
    @Test func aCutChipDropsANicknameFirst() {
        #expect(PositionChart.fit("Debian 12 (Bookworm) · standard", name: "Debian 12 (Bookworm)") == "Debian 12 · standard")
        #expect(PositionChart.fit("Ubuntu 22.04 'Jammy Jellyfish' · api", name: "Ubuntu 22.04 'Jammy Jellyfish'") == "Ubuntu 22.04 · api")
        let extended = PositionChart.fit("Debian 12 (Bookworm) · extended-support", name: "Debian 12 (Bookworm)")
        #expect(extended.hasPrefix("Debian 12 · exten") && extended.hasSuffix("…"), "\(extended)")
        #expect(PositionChart.withoutNickname("Galaxy A6 (2018)") == "Galaxy A6")
        #expect(PositionChart.withoutNickname("Python 3.12") == nil)
        // With no channel after it too ("Ubuntu 22.04 'Jam…" said none of the cycle's nickname).
        #expect(PositionChart.fit("Ubuntu 22.04 'Jammy Jellyfish'", name: "Ubuntu 22.04 'Jammy Jellyfish'") == "Ubuntu 22.04")
    }

    /// A name too long beside its channels keeps its last words, a nickname inside it gone,
    /// and the channels keep a few letters ("…7 · standard" said nothing of the product;
    /// "…SP3 · standard" nothing of SQL Server 2014).
    @Test func aLongNameKeepsItsLastWordsBesideItsChannels() {
        let jboss = PositionChart.fit("JBoss Enterprise Application Platform 7 · standard", name: "JBoss Enterprise Application Platform 7")
        #expect(jboss.hasPrefix("…Platform 7 · st") && jboss.hasSuffix("…"), "\(jboss)")
        let sql = PositionChart.fit("SQL Server 2014 'Hekaton' SP3 · standard", name: "SQL Server 2014 'Hekaton' SP3")
        #expect(sql.hasPrefix("…2014 SP3 · st"), "\(sql)")
        for label in [jboss, sql] { #expect(TextWidth.of(label, size: 12) <= 140, "\(label)") }
        #expect(PositionChart.withoutNickname("SQL Server 2014 'Hekaton' SP3") == "SQL Server 2014 SP3")
        #expect(PositionChart.withoutNickname("Foo's Bar 2") == nil)
        // A quote inside a word opens nothing, and brackets pair as nested.
        #expect(PositionChart.withoutNickname("Bob's 'Beta' O'Reilly Edition") == "Bob's O'Reilly Edition")
        #expect(PositionChart.withoutNickname("Windows 10 (LTSC (1809))") == "Windows 10")
        #expect(PositionChart.withoutNickname("(Beta) 2") == nil)
        // Where the nickname is what tells two chips apart, it stays.
        #expect(PositionChart.fit("Custom Runtime (AL1)", name: "Custom Runtime (AL1)") == "Custom Runtime")
        #expect(PositionChart.fit("Custom Runtime (AL1)", name: "Custom Runtime (AL1)", nicknames: false) == "…Runtime (AL1)")
    }

    /// A short name is kept whole and its channels cut: "Node.js… · standard" read the same
    /// for Node.js 18 and Node.js 20.
    @Test func aShortNameIsKeptWholeBeforeItsChannels() {
        for version in ["18", "20"] {
            let extended = PositionChart.fit("Node.js \(version) · extended-support (extended)", name: "Node.js \(version)")
            #expect(extended.hasPrefix("Node.js \(version) · ext") && extended.hasSuffix("…"), "\(extended)")
            #expect(TextWidth.of(extended, size: 12) <= 140, "\(extended)")
        }
    }
}
