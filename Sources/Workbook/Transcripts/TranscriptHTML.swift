// TranscriptHTML: a transcript as one self-contained HTML page (inline CSS, no network, prints well):
// each command with its output and, when it caused messages, an inline SVG sequence diagram.
import KubeSim

public enum TranscriptHTML {
  /// Message tables show at most this many rows.
  static let tableLimit = 40

  public static func render(_ t: Transcript) -> String {
    let e = HTMLText.escape
    var out = """
      <!DOCTYPE html>
      <html lang="\(e(t.header.language))">
      <head>
      <meta charset="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="generator" content="kubelab \(e(t.header.kubelab))" />
      <title>\(e(t.title))</title>
      <style>
      \(css)
      </style>
      </head>
      <body>
      <header>
      <h1>\(e(t.title))</h1>

      """
    var meta = "kubelab \(t.header.kubelab) · Kubernetes \(t.header.kubernetes) (simulated) · seed \(t.header.seed)"
    meta += " · \(t.header.cluster.nodes.count) nodes · \(t.commands.count) commands"
    if let at = t.header.recordedAt { meta += " · recorded \(at)" }
    out += "<p class=\"meta\">\(e(meta))</p>\n"
    out +=
      "<table class=\"nodes\">\n<thead><tr><th>Node</th><th>Role</th><th>CPU</th><th>Memory</th><th>Pods</th><th>Taints</th></tr></thead>\n<tbody>\n"
    for n in t.header.cluster.nodes {
      let cells = [
        n.name, n.role.rawValue, n.cpu.description, n.memory.description, String(n.pods),
        n.taints.map(\.description).joined(separator: ", "),
      ]
      out += "<tr>" + cells.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
    }
    out += "</tbody>\n</table>\n</header>\n<main>\n"
    var lesson: LessonAnnotation? = nil
    for c in t.commands {
      if let l = c.lesson, l.lesson != lesson?.lesson || l.step != lesson?.step {
        out += "<h2 class=\"step\">\(e(l.stepLabel(zh: t.header.language == "zh"))) <span class=\"lesson\">(\(e(l.lesson)))</span></h2>\n"
        lesson = l
      }
      out += command(c)
    }
    out += "</main>\n<footer>Made with kubelab \(e(t.header.kubelab)). "
    out += "Replay: <code>kubelab replay --verify \(e(t.header.id)).json</code></footer>\n</body>\n</html>\n"
    return out
  }

  static func command(_ c: TranscriptCommand) -> String {
    let e = HTMLText.escape
    var out = "<section class=\"command\(c.success ? "" : " failed")\" id=\"command-\(c.number)\">\n"
    out += "<h3><span class=\"n\">\(c.number)</span> <code>\(e(c.typedLine))</code></h3>\n"
    var typed = "<span class=\"prompt\">\(e(c.prompt))</span>\(e(c.typedLine))"
    for l in c.heredocLines { typed += "\n\(e(l))" }
    out += "<pre class=\"input\">\(typed)</pre>\n"
    if c.output.isEmpty {
      out += "<p class=\"note\">(no output)</p>\n"
    } else {
      out += "<pre class=\"output\">\(e(c.output))</pre>\n"
    }
    if !c.success { out += "<p class=\"note failed\">The command failed.</p>\n" }
    out += "<p class=\"span\">\(e(TranscriptMarkdown.spanText(c)))\(c.messageCount == 0 ? "." : ":")</p>\n"
    if !c.messages.isEmpty {
      var caption = "\(c.messages.count) message\(c.messages.count == 1 ? "" : "s")"
      if c.messages.count > SequenceDiagramSVG.arrowLimit {
        caption = "The first \(SequenceDiagramSVG.arrowLimit) of \(c.messages.count) messages"
      }
      out += "<figure class=\"diagram\">\n"
      out += SequenceDiagramSVG.render(c.messages, id: "d\(c.number)")
      out += "\n<figcaption>\(e(caption))</figcaption>\n</figure>\n"
      out += messageTable(c.messages)
    }
    if c.messageCount > c.messages.count {
      out +=
        "<p class=\"note\">\(c.messageCount - c.messages.count) later messages were past the recorder's limit and are not in the transcript.</p>\n"
    }
    if let l = c.lesson, !l.checks.isEmpty || l.completed {
      out += "<ul class=\"checks\">\n"
      for check in l.checks {
        out += "<li class=\"\(check.passed ? "pass" : "fail")\">\(check.passed ? "✔" : "✘") \(e(check.name))"
        var lines = check.message.split(separator: "\n", omittingEmptySubsequences: false)
        if let first = lines.first, !check.message.isEmpty {
          out += " — \(e(String(first)))"
          lines.removeFirst()
          // The rest of a message of several lines (the output a check saw) as it was printed.
          if !lines.isEmpty { out += "<pre class=\"output\">\(e(lines.joined(separator: "\n")))</pre>" }
        }
        out += "</li>\n"
      }
      if l.completed { out += "<li class=\"pass\">Lesson \(e(l.lesson)) completed</li>\n" }
      out += "</ul>\n"
    }
    out += "</section>\n"
    return out
  }

  static func messageTable(_ ms: [TranscriptMessage]) -> String {
    let e = HTMLText.escape
    var out =
      "<table class=\"messages\">\n<thead><tr><th>#</th><th>tick · phase</th><th>from</th><th>to</th><th>verb</th><th>object</th><th>detail</th></tr></thead>\n<tbody>\n"
    func row(_ m: TranscriptMessage) -> String {
      let cells = [
        String(m.seq), "\(m.tick) · \(m.phase?.description ?? "kubectl")", m.from, m.to, m.verb, m.objectText, m.detail,
      ]
      return "<tr>" + cells.map { "<td>\(e($0))</td>" }.joined() + "</tr>\n"
    }
    if ms.count <= tableLimit {
      for m in ms { out += row(m) }
    } else {
      let head = tableLimit - 5
      for m in ms.prefix(head) { out += row(m) }
      out += "<tr class=\"more\"><td colspan=\"7\">… \(ms.count - head - 5) more messages …</td></tr>\n"
      for m in ms.suffix(5) { out += row(m) }
    }
    out += "</tbody>\n</table>\n"
    return out
  }

  static let css = """
    :root { --fg: #1f2328; --muted: #656d76; --bg: #ffffff; --code: #f6f8fa; --line: #d0d7de; }
    body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--fg); background: var(--bg);
      max-width: 72rem; margin: 0 auto; padding: 1.5rem; }
    h1 { font-size: 1.6rem; margin: 0 0 .25rem; }
    h2.step { margin-top: 2rem; border-bottom: 2px solid var(--line); }
    h2.step .lesson { color: var(--muted); font-weight: normal; font-size: .9rem; }
    h3 { font-size: 1rem; margin: 0 0 .5rem; }
    h3 .n { display: inline-block; min-width: 1.6rem; color: var(--muted); }
    .meta, .span, .note, footer { color: var(--muted); font-size: .9rem; }
    .note.failed { color: #cf222e; font-weight: 600; }
    section.command { border-top: 1px solid var(--line); padding: 1rem 0; }
    section.failed h3 code { color: #cf222e; }
    pre { background: var(--code); padding: .6rem .8rem; border-radius: 6px; overflow-x: auto;
      font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; margin: .4rem 0; }
    pre.input .prompt { color: #0969da; user-select: none; }
    table { border-collapse: collapse; font-size: .82rem; margin: .5rem 0; }
    th, td { border: 1px solid var(--line); padding: .15rem .45rem; text-align: left; vertical-align: top; }
    th { background: var(--code); }
    table.messages td:nth-child(6), table.messages td:nth-child(7) { font-family: ui-monospace, monospace; }
    tr.more td { text-align: center; color: var(--muted); }
    figure.diagram { margin: .5rem 0; overflow-x: auto; }
    figcaption { color: var(--muted); font-size: .8rem; }
    ul.checks { list-style: none; padding-left: 0; }
    li.pass { color: #1a7f37; } li.fail { color: #cf222e; }
    svg.sequence { font: 11px ui-monospace, monospace; }
    svg.sequence .lane { fill: #ddf4ff; stroke: #54aeff; }
    svg.sequence .lane-name { font-weight: 600; fill: #0a3069; }
    svg.sequence .lifeline { stroke: #8c959f; stroke-dasharray: 4 3; }
    svg.sequence .band { stroke: #d0d7de; }
    svg.sequence .band-label { fill: #656d76; font-size: 10px; }
    svg.sequence .label { fill: #1f2328; }
    svg.sequence .arrow { stroke-width: 1.4; }
    svg.sequence .request .arrow { stroke: #0969da; } svg.sequence .head.request { fill: #0969da; }
    svg.sequence .response .arrow { stroke: #1a7f37; } svg.sequence .head.response { fill: #1a7f37; }
    svg.sequence .error .arrow { stroke: #cf222e; } svg.sequence .head.error { fill: #cf222e; }
    svg.sequence .watch .arrow { stroke: #8250df; stroke-dasharray: 5 2; } svg.sequence .head.watch { fill: #8250df; }
    svg.sequence .cri .arrow { stroke: #bc4c00; } svg.sequence .head.cri { fill: #bc4c00; }
    @media print {
      body { max-width: none; padding: 0; font-size: 11pt; }
      pre { white-space: pre-wrap; word-break: break-all; overflow: visible; border: 1px solid var(--line); }
      section.command { break-inside: avoid-page; }
      h2.step { break-before: page; }
      h2.step:first-of-type { break-before: auto; }
      figure.diagram { overflow: visible; }
      svg.sequence { max-width: 100%; height: auto; }
      a { color: inherit; text-decoration: none; }
    }
    """
}
