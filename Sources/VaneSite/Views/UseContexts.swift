import Foundation
import VaneContent

// A use's page (Content/uses/).

struct UsePage: Encodable {
    var product: Section?
    var team: String?
    var criticality: String
    var version: String?
    var plan: String?
    var planDate: DateView?
    var generated: String?
}

extension SiteModel {
    func usePage(_ e: Entry) -> UsePage {
        let facts = e.use
        var generated: String?
        if case .text(let tool) = e.extra["generated"] { generated = tool }
        return UsePage(
            product: positioned(section(targets(of: e.id, .uses))), team: facts?.team, criticality: facts?.criticality.rawValue ?? "medium",
            version: facts?.version, plan: facts?.plan, planDate: facts?.planDate.map(DateView.init), generated: generated)
    }
}
