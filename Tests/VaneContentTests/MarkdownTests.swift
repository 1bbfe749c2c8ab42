import Foundation
import Testing
import VaneContent

struct MarkdownTests {
    @Test func githubFlavoredFeatures() {
        let html = MarkdownRenderer.html(
            """
            | a | b |
            |---|---|
            | 1 | 2 |

            ~~gone~~ and www.example.com

            - [x] done

            Note[^1].

            [^1]: The footnote.
            """)
        #expect(html.contains("<table>"))
        #expect(html.contains("<del>gone</del>"))
        #expect(html.contains("<a href=\"http://www.example.com\">www.example.com</a>"))
        #expect(html.contains("type=\"checkbox\""))
        #expect(html.contains("class=\"footnotes\""))
    }

    @Test func rawHTMLIsDroppedByDefault() {
        let html = MarkdownRenderer.html("Hi <script>alert(1)</script> <b>bold</b>\n\n<div onclick=\"x()\">block</div>\n")
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(!html.contains("onclick"))
        #expect(!html.contains("raw HTML omitted"))
        #expect(html.contains("Hi"))
    }

    @Test func rawHTMLPassesWhenOptedIn() {
        #expect(MarkdownRenderer.html("<b>bold</b>", unsafeHTML: true).contains("<b>bold</b>"))
    }

    @Test(arguments: [
        ("[x](javascript:alert(1))", false),
        ("[x](JavaScript:alert(1))", false),
        ("[x](vbscript:msgbox)", false),
        ("[x](data:text/html,hi)", false),
        ("![x](data:image/png;base64,AAAA)", false),
        ("[x](ftp://example.org/)", false),
        ("[x](https://example.org/)", true),
        ("[x](http://example.org/)", true),
        ("[x](mailto:a@example.org)", true),
        ("[x](report.pdf)", true),
        ("[x](../events/a.html#top)", true),
        ("[x](#section)", true),
    ])
    func onlySafeLinkTargetsSurvive(markdown: String, kept: Bool) {
        let html = MarkdownRenderer.html(markdown)
        #expect((html.contains("href=") || html.contains("src=")) == kept, "\(html)")
        // A refused target leaves its text (an image its alt text) in place.
        if !kept { #expect(html == "<p>x</p>\n") }
    }

    /// cmark-gfm keeps global state; rendering from many threads must give identical output.
    @Test func parallelRendersAreIdentical() {
        let source = "A www.example.com link, ~~struck~~, and | a |\n|---|\n| b |\n\n- [ ] task\n"
        let expected = MarkdownRenderer.html(source)
        let mismatches = Counter()
        DispatchQueue.concurrentPerform(iterations: 2000) { _ in
            if MarkdownRenderer.html(source) != expected { mismatches.increment() }
        }
        #expect(mismatches.value == 0)
    }
}

final class Counter: @unchecked Sendable {
    private var count = 0
    private let lock = NSLock()
    func increment() { lock.withLock { count += 1 } }
    var value: Int { lock.withLock { count } }
}

/// The words full-text search reads in a body: what its page shows, never a citation's id
/// (a search for "tns" found every event citing `[@tns-meta-muse-spark]`).
struct SearchTextTests {
    @Test func aBodyIsSearchedForTheWordsItsPageShows() {
        #expect(SearchText.visible("Meta moved [@tns-meta-muse-spark] on.") == "Meta moved  on.")
        #expect(SearchText.visible("Led by [[alexandr-wang|Alexandr Wang]] and [[meta]].") == "Led by Alexandr Wang and meta.")
        #expect(SearchText.visible("See [the post](https://example.com/a) and ![a chart](chart.png).") == "See the post and a chart.")
        #expect(SearchText.visible("No links here.") == "No links here.")
        // What is not a link stays as written.
        #expect(SearchText.visible("[draft] and [x] (y) and [[open and [@") == "[draft] and [x] (y) and [[open and [@")
        #expect(SearchText.visible("Über [[é-id|Émile]] [@s]") == "Über Émile ")
        // A character escaped is searched as its page shows it, without the backslash.
        #expect(SearchText.visible("Costs \\*not\\* \\$5 \\_each\\_.").hasPrefix("Costs *not* $5 _each_."))
    }

    /// Raw HTML, which pages leave out, is no word of the text: a comment (an author's note to
    /// self) was published in the site's search index and found by it. Code shows it, and the
    /// text between inline tags is shown.
    @Test func htmlThePageLeavesOutIsNotSearched() {
        let body = """
            Intro <!-- internal note: ask legal --> with <b>bold</b> and `<!-- shown -->` in code.

            <div>
            block text
            </div>

            After [[meta]] [@s].
            """
        let text = SearchText.visible(body)
        #expect(!text.contains("internal") && !text.contains("block text") && !text.contains("<b>"), "\(text)")
        #expect(text.contains("with bold and <!-- shown --> in code."), "\(text)")
        #expect(text.contains("After meta ."), "\(text)")
        #expect(SearchText.shown(body).contains("After [[meta]] [@s]."))
        #expect(SearchText.shown("No HTML [[x]].") == "No HTML [[x]].")
    }
}
