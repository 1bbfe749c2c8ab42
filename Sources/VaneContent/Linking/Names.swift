/// How a written name finds its entry, the same in the linker and in a linked knowledge base.
public enum Names {
    /// The id as written, the id written in another case (`[[Meta]]`), or an alias in any case.
    public static func resolve(_ target: String, isID: (String) -> Bool, aliases: [String: String]) -> String? {
        if isID(target) { return target }
        let lower = target.lowercased()
        if isID(lower) { return lower }
        return aliases[lower]
    }
}
