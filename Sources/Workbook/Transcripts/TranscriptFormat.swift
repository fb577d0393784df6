// TranscriptFormat: the four export formats — JSON (canonical, replayable), Markdown handout,
// self-contained HTML, asciicast v2 — chosen by name or by the file's extension.

public enum TranscriptFormat: String, CaseIterable, Sendable {
  case json
  case md
  case html
  case cast

  /// Accepts `json`, `md`/`markdown`, `html`/`htm`, `cast`/`asciicast`.
  public init?(name: String) {
    switch name.lowercased() {
    case "json": self = .json
    case "md", "markdown": self = .md
    case "html", "htm": self = .html
    case "cast", "asciicast": self = .cast
    default: return nil
    }
  }

  /// The format a file name's extension asks for (`handout.md` → md), nil when it says nothing known.
  public init?(path: String) {
    let name = path.split(separator: "/").last.map(String.init) ?? path
    guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
    self.init(name: String(name[name.index(after: dot)...]))
  }

  public var fileExtension: String { rawValue }

  public func render(_ t: Transcript) -> String {
    switch self {
    case .json: return t.jsonText
    case .md: return TranscriptMarkdown.render(t)
    case .html: return TranscriptHTML.render(t)
    case .cast: return Asciicast.render(t)
    }
  }

  public static let names = "json, md, html or cast"
}
