"""The non-TUI subcommands; none of them imports Textual."""
