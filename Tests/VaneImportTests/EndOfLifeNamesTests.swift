import Foundation
import Testing
import VaneTestSupport

@testable import VaneImport

/// A release label as endoflife.date shows it, and a product by its name there.
struct EndOfLifeNamesTests {
    @Test(arguments: [
        ("9 (<abbr title='Short Term Support'>STS</abbr>)", "9 (STS)"),
        ("< 2 &amp; more", "< 2 & more"),
        ("O&#x27;Neil &#39;s &quot;x&quot;", "O'Neil 's \"x\""),
        ("<b></b>  Thing ", "Thing"),
        ("a &unknown; b", "a &unknown; b"),
        ("x<y", "x<y"),
    ])
    func aLabelsHTMLIsTheTextAReaderSees(html: String, text: String) {
        #expect(EndOfLifeNames.plainText(html) == text)
    }

    /// `--only` takes a product by its name on endoflife.date, whatever its case and with
    /// its `/`, and a near miss is told the nearest of both kinds of name.
    @Test func onlyTakesEndOfLifeDatesNames() throws {
        let kb = try TemporaryKnowledgeBase()
        let products = Repository.fixture("endoflife/products").path
        for name in ["ACME-DB", "/acme-db"] {
            let result = try vane("import", "endoflife", products, "--only", name, in: kb.root)
            #expect(result.status == 0 && result.stderr.contains("imported 1 product"), "\(name): \(result.stderr)")
        }
        let near = try vane("import", "endoflife", products, "--only", "acme-d", in: kb.root)
        #expect(
            near.status == 1 && near.stderr.contains("error: no product 'acme-d' (did you mean 'acme-db', the name of 'acmedb'?)"), "\(near.stderr)")
    }
}
