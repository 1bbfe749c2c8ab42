import Testing
import VaneQuery

/// The terminal's table lines its columns up by the columns a terminal gives each cell.
struct TextTableTests {
    @Test func wideCharactersTakeTwoColumns() {
        let table = TextTable(headers: ["a", "b"], rows: [["日本語", "x"], ["abcdef", "y"], ["😀", "w"], ["cafe\u{301}", "z"]])
        #expect(table.aligned() == "a       b\n日本語  x\nabcdef  y\n😀      w\ncafe\u{301}    z\n")
    }
}
