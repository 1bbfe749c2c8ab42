import Foundation

/// A crowded status view: many products from several vendors, with names short and long,
/// moves that leave trails, channels that stand apart and announced ends. Deterministic.
public enum CrowdedKnowledgeBase {
    static let vendors = [
        "Northwind AI", "Contoso Cloud", "Globex Labs", "Initech", "Umbrella Models", "Stark Industries Research", "Wayne Data", "Tyrell Systems",
    ]
    static let lines = ["Text", "Code", "Vision", "Chat", "Embed", "Speech", "Reason", "Agent Builder", "Enterprise Retrieval Assistant"]

    /// Writes `products` products spread over the first `vendors` vendors into `kb`.
    public static func write(products: Int, vendors: Int, into kb: TemporaryKnowledgeBase) throws {
        var seed: UInt64 = 42
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let availability = ["open-weights", "generally-available", "preview", "consumer-only", "deprecated", "open-source"]
        let priority = ["flagship", "invested", "maintained", "deprioritized", "sunset"]
        try kb.write("---\ntitle: Vendor notes\npublisher: Analyst desk\nurl: https://example.org/notes\n---\n", to: "Content/sources/notes.md")
        for v in 0..<min(vendors, self.vendors.count) {
            try kb.write("---\nname: \(self.vendors[v])\ntype: vendor\n---\n", to: "Content/entities/vendor-\(v).md")
        }
        for p in 0..<products {
            let v = p % vendors
            let vendorName = self.vendors[v].split(separator: " ").first!
            let name = "\(vendorName) \(lines[(p / vendors) % lines.count]) \(1 + p / (vendors * lines.count))\(p % 7 == 3 ? " Preview" : "")"
            try kb.write("---\nname: \(name)\ntype: model\nparent: vendor-\(v)\n---\n", to: "Content/entities/product-\(p).md")
            let year = 2022 + next(2)
            let first = availability[next(4)]
            var status = "  product-\(p): { availability: \(first), priority: \(priority[next(3)]) }\n"
            if p % 5 == 2 {
                status = "  product-\(p): { availability: { api: \(availability[next(3)]), app: consumer-only }, priority: \(priority[next(2)]) }\n"
            }
            try event("launch-\(p)", "\(name) launches", "\(year)-0\(1 + next(9))", status: status, into: kb)
            if next(10) < 6 {
                let moved = "  product-\(p): { \(next(2) == 0 ? "priority: \(priority[1 + next(4)])" : "availability: \(availability[next(6)])") }\n"
                try event("move-\(p)", "\(name) changes course", "2025-0\(1 + next(9))", status: moved, into: kb)
            }
            if p % 11 == 4 {
                try event(
                    "end-\(p)", "\(name) is deprecated", "2026-03-0\(1 + next(8))",
                    status: "  product-\(p): { availability: deprecated, ends: 2027-0\(1 + next(9))-15 }\n", into: kb)
            }
        }
    }

    private static func event(_ id: String, _ title: String, _ date: String, status: String, into kb: TemporaryKnowledgeBase) throws {
        let entities = status.split(separator: ":").first!.trimmingCharacters(in: .whitespaces)
        try kb.write(
            "---\ntitle: \(title)\ndate: \(date)\ntype: other\nentities: [\(entities)]\nsources: [notes]\nstatus:\n\(status)---\nWhat happened [@notes].\n",
            to: "Content/events/\(id).md")
    }
}
