/// A small valid knowledge base; tests replace or add files to break one rule at a time.
public enum SampleKnowledgeBase {
    public static let files: [String: String] = [
        "Content/entities/meta.md": """
        ---
        name: Meta
        type: vendor
        aliases: [Meta Platforms]
        homepage: https://about.meta.com/
        ---
        The vendor.
        """,
        "Content/entities/llama.md": """
        ---
        name: Llama
        type: model-family
        parent: meta
        ---
        Open weights from [[meta]].
        """,
        "Content/sources/tns.md": """
        ---
        title: The New Stack on Muse Spark
        publisher: The New Stack
        url: https://thenewstack.io/
        ---
        """,
        "Content/events/launch.md": """
        ---
        title: Muse Spark launches
        date: 2026-04
        type: launch
        entities: [meta]
        sources: [tns]
        status:
          llama: { priority: maintained }
        ---
        [[Meta Platforms]] launched it [@tns].
        """,
        "Content/claims/remain.md": """
        ---
        title: Current Llama models will remain available
        claimant: meta
        about: [llama]
        date: 2026-04
        type: commitment
        sources: [tns]
        ---
        """,
    ]
}
