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
}
