import Foundation

/// A generated, valid knowledge base of any size, for tests that need a long build.
public enum SyntheticKnowledgeBase {
    /// Writes `events` events over a few vendors, products and sources into `kb`.
    public static func write(events: Int, into kb: TemporaryKnowledgeBase) throws {
        let vendors = 5
        let products = 20
        let sources = 40
        for v in 0..<vendors {
            try kb.write("---\nname: Vendor \(v)\ntype: vendor\n---\nVendor number \(v).\n", to: "Content/entities/vendor-\(v).md")
        }
        for p in 0..<products {
            try kb.write(
                "---\nname: Product \(p)\ntype: product\nparent: vendor-\(p % vendors)\n---\nA product of [[vendor-\(p % vendors)]].\n",
                to: "Content/entities/product-\(p).md")
        }
        for s in 0..<sources {
            try kb.write(
                "---\ntitle: Report \(s)\npublisher: vendor-\(s % vendors)\nurl: https://example.org/\(s)\n---\n",
                to: "Content/sources/source-\(s).md")
        }
        let priorities = ["flagship", "invested", "maintained", "deprioritized"]
        for e in 0..<events {
            let year = 2015 + e % 11
            let month = 1 + e % 12
            let product = e % products
            let status = e % 7 == 0 ? "status:\n  product-\(product): { priority: \(priorities[e % 4]) }\n" : ""
            try kb.write(
                """
                ---
                title: Event \(e) about product \(product)
                date: \(year)-\(month < 10 ? "0" : "")\(month)
                type: other
                entities: [product-\(product), vendor-\(product % vendors)]
                sources: [source-\(e % sources)]
                \(status)---
                Something happened to [[product-\(product)]] [@source-\(e % sources)].

                | a | b |
                |---|---|
                | \(e) | \(year) |

                """, to: "Content/events/\(year)/event-\(e).md")
        }
    }
}
