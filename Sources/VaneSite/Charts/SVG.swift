/// Small helpers for SVG drawn as text: numbers with fixed precision, escaped text.
enum SVG {
    /// A coordinate with at most one decimal, so output is stable and compact.
    static func n(_ value: Double) -> String {
        let rounded = (value * 10).rounded() / 10
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func text(_ s: String) -> String { HTML.escape(s) }

    /// Colours for products, chosen for contrast on white and cycled in board order.
    static let palette = ["#0b5cad", "#a4471b", "#2d6a36", "#6b3fa0", "#8a6d00", "#0f7b7b", "#b0306a", "#4a4f57"]

    /// Colours for vendors on the positions chart: dark enough for 3:1 on white, and none of
    /// the risk colours (rust, amber, green), so a vendor never reads as a risk level. The
    /// grey is a light one (4.1:1): a dark grey and the near-black read as one colour, and
    /// two vendors' diamonds looked alike.
    static let vendorPalette = ["#0b5cad", "#6b3fa0", "#0f7b7b", "#b0306a", "#767d86", "#1d232b"]

    /// A vendor's second cue beside its colour. With six colours and seven shapes, 42 vendors
    /// get a pair of their own.
    enum Shape: CaseIterable {
        case circle, square, triangle, diamond, triangleDown, plus, ring

        /// The mark centred on (x, y), about `r` from centre to edge.
        func mark(x: Double, y: Double, r: Double, colour: String) -> String {
            func points(_ p: [(Double, Double)]) -> String {
                "<polygon points=\"\(p.map { "\(n(x + $0.0 * r)),\(n(y + $0.1 * r))" }.joined(separator: " "))\" fill=\"\(colour)\"/>"
            }
            switch self {
            case .circle: return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r))\" fill=\"\(colour)\"/>"
            case .ring:
                return "<circle cx=\"\(n(x))\" cy=\"\(n(y))\" r=\"\(n(r * 0.8))\" fill=\"none\" stroke=\"\(colour)\" stroke-width=\"\(n(r * 0.5))\"/>"
            case .square: return points([(-0.85, -0.85), (0.85, -0.85), (0.85, 0.85), (-0.85, 0.85)])
            case .triangle: return points([(0, -1.1), (1.1, 0.9), (-1.1, 0.9)])
            case .triangleDown: return points([(-1.1, -0.9), (1.1, -0.9), (0, 1.1)])
            case .diamond: return points([(0, -1.2), (1.2, 0), (0, 1.2), (-1.2, 0)])
            case .plus:
                return points([
                    (-0.35, -1.1), (0.35, -1.1), (0.35, -0.35), (1.1, -0.35), (1.1, 0.35), (0.35, 0.35), (0.35, 1.1), (-0.35, 1.1), (-0.35, 0.35),
                    (-1.1, 0.35), (-1.1, -0.35), (-0.35, -0.35),
                ])
            }
        }

        /// The mark as a small inline image for HTML (legend, list), hidden from screen
        /// readers: the vendor's name is beside it.
        func swatch(colour: String) -> String {
            "<svg class=\"swatch\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" aria-hidden=\"true\">\(mark(x: 6, y: 6, r: 4.5, colour: colour))</svg>"
        }
    }
}
