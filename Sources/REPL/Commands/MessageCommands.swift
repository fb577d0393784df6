// MessageCommands: `messages` (the record, filtered), `trace` (live), `diagram` (a sequence chart).
import Foundation
import KubeSim

/// Parses the filter flags shared by `messages`, `trace` and `diagram`.
struct FilterFlags {
  var filter = MessageFilter()
  var last: Int? = nil
  var body = false
  var rest: [String] = []

  /// The recorded messages that match, in order: only the last `last` of them when it is set (found
  /// looking back from the newest, not through the whole record).
  func matching(_ log: MessageLog) -> [Message] {
    guard let last else { return log.recent.filter { filter.matches($0) } }
    var shown: [Message] = []
    for m in log.recent.reversed() where filter.matches(m) {
      shown.append(m)
      if shown.count == last { break }
    }
    return shown.reversed()
  }

  static let names = [
    "--from", "--to", "--component", "--verb", "--object", "--kind", "--tick", "--phase", "--last", "--body",
  ]

  static func parse(_ args: [String]) throws -> FilterFlags {
    var f = FilterFlags()
    var i = 0
    while i < args.count {
      var a = args[i]
      var inline: String? = nil
      if a.hasPrefix("--"), let eq = a.firstIndex(of: "=") {
        inline = String(a[a.index(after: eq)...])
        a = String(a[..<eq])
      }
      func value() throws -> String {
        if let inline { return inline }
        i += 1
        guard i < args.count else { throw RunCondition.ParseError(description: "flag needs an argument: \(a)") }
        return args[i]
      }
      switch a {
      case "--from": f.filter.from = try value()
      case "--to": f.filter.to = try value()
      case "--component", "-c": f.filter.component = try value()
      case "--verb": f.filter.verb = try value()
      case "--object": f.filter.object = try value()
      case "--kind":
        let v = try value()
        guard let k = MessageKind(rawValue: v == "watch-event" ? "watch" : v) else {
          throw RunCondition.ParseError(
            description: "unknown message kind \"\(v)\": use request, response, watch or cri")
        }
        f.filter.kind = k
      case "--phase":
        let v = try value()
        guard let p = Phase.allCases.first(where: { "\($0)" == v }) else {
          throw RunCondition.ParseError(
            description: "unknown phase \"\(v)\": use \(Phase.allCases.map { "\($0)" }.joined(separator: ", "))")
        }
        f.filter.phase = p
      case "--tick":
        f.filter.ticks = try TickRange.parse(try value())
      case "--last":
        let v = try value()
        guard let n = Int(v), n > 0 else {
          throw RunCondition.ParseError(description: "--last needs a positive number")
        }
        f.last = n
      case "--body", "-v": f.body = true
      default:
        if a.hasPrefix("-") {
          var message = "unknown flag: \(a)"
          if let near = Suggest.nearest(to: a, in: names) { message += " (did you mean \(near)?)" }
          throw RunCondition.ParseError(description: message)
        }
        f.rest.append(args[i])
      }
      i += 1
    }
    return f
  }
}

enum TickRange {
  /// `5`, `3..7`, `3-7`, `3..` (to now).
  static func parse(_ s: String) throws -> ClosedRange<Int> {
    if let n = Int(s) { return n...n }
    for sep in ["..", "-"] {
      let parts = s.components(separatedBy: sep)
      if parts.count == 2, let a = Int(parts[0]) {
        if parts[1].isEmpty { return a...Int.max }
        if let b = Int(parts[1]), b >= a { return a...b }
      }
    }
    throw RunCondition.ParseError(description: "invalid tick range \"\(s)\": use N, A..B or A..")
  }
}

struct MessagesCommand: REPLCommand {
  let name = "messages"
  let aliases = ["msgs"]
  let group = CommandGroup.messages
  let summary = "List recorded messages, filtered"
  let usage = """
    Usage: messages [--from C] [--to C] [--component C] [--verb V] [--object GLOB] [--kind K]
                    [--tick N|A..B] [--phase P] [--last N] [--body]

    Lists the recorded messages between components. Components: kubectl, apiserver, etcd, scheduler,
    controller-manager, kubelet[@NODE], runtime[@NODE], kube-proxy[@NODE], coredns, dashboard.
    Kinds: request, response, watch, cri. --body prints each message's full body.

    Examples:
      messages --last 20
      messages --from scheduler --verb POST
      messages --component kubelet@node-1 --tick 10..20
      messages --object 'pods/*/binding' --body
    """
  let flags = FilterFlags.names

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    let flags: FilterFlags
    do {
      flags = try FilterFlags.parse(args)
    } catch {
      out.error("error: \(error)")
      return false
    }
    if let extra = flags.rest.first {
      out.error("error: unexpected argument \"\(extra)\" (see `help messages`)")
      return false
    }
    let log = session.cluster.context.log
    let shown = flags.matching(log)
    if shown.isEmpty {
      out.line("No messages match.")
      return true
    }
    for m in shown {
      out.line(MessageFormat.line(m, color: session.options.color))
      if flags.body, let body = m.body {
        for l in body.json.yamlText.split(separator: "\n", omittingEmptySubsequences: false) where !l.isEmpty {
          out.line("    " + l)
        }
      }
    }
    return true
  }

  func complete(_ args: [String], session: Session) -> [String] {
    completeFilterFlags(args, session: session)
  }
}

func completeFilterFlags(_ args: [String], session: Session) -> [String] {
  let word = args.last ?? ""
  let previous = args.dropLast().last ?? ""
  if ["--from", "--to", "--component"].contains(previous) {
    var names = [
      "kubectl", "apiserver", "etcd", "scheduler", "controller-manager", "coredns", "kubelet", "runtime", "kube-proxy",
    ]
    for n in session.cluster.nodes { names += ["kubelet@\(n.name)", "runtime@\(n.name)", "kube-proxy@\(n.name)"] }
    return names.filter { $0.hasPrefix(word) }
  }
  if previous == "--kind" { return ["request", "response", "watch", "cri"].filter { $0.hasPrefix(word) } }
  if previous == "--phase" { return Phase.allCases.map { "\($0)" }.filter { $0.hasPrefix(word) } }
  if previous == "--verb" {
    return ["POST", "GET", "LIST", "WATCH", "PUT", "PATCH", "DELETE", "TXN", "ADDED", "MODIFIED", "DELETED"]
      .filter { $0.hasPrefix(word) }
  }
  return FilterFlags.names.filter { $0.hasPrefix(word) }
}

struct TraceCommand: REPLCommand {
  let name = "trace"
  let group = CommandGroup.messages
  let summary = "Print messages live as phases run (on|off, with filters)"
  let usage = """
    Usage: trace on [FILTER FLAGS] | trace off | trace

    With trace on, `tick` and `run` print each message as it happens (only those matching the
    filter flags, which are those of `messages`). `step` always prints its messages.

    Examples:
      trace on
      trace on --component scheduler
      trace on --kind cri
      trace off
    """
  let flags = FilterFlags.names

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    guard let mode = args.first else {
      out.line(
        "trace is \(session.trace.enabled ? "on" : "off")\(session.trace.filter.isEmpty || !session.trace.enabled ? "" : " (filtered)")"
      )
      return true
    }
    switch mode {
    case "on":
      do {
        let flags = try FilterFlags.parse(Array(args.dropFirst()))
        session.trace.enabled = true
        session.trace.filter = flags.filter
        out.line("trace on" + (flags.filter.isEmpty ? "" : " (filtered)"))
        return true
      } catch {
        out.error("error: \(error)")
        return false
      }
    case "off":
      session.trace.enabled = false
      out.line("trace off")
      return true
    default:
      out.error("error: use `trace on [filters]` or `trace off`")
      return false
    }
  }

  func complete(_ args: [String], session: Session) -> [String] {
    if args.count <= 1 { return ["on", "off"].filter { $0.hasPrefix(args.last ?? "") } }
    return completeFilterFlags(args, session: session)
  }
}

struct DiagramCommand: REPLCommand {
  let name = "diagram"
  let group = CommandGroup.messages
  let summary = "Draw the last tick (or a range) as a text sequence diagram"
  let usage = """
    Usage: diagram [--tick N|A..B] [FILTER FLAGS]

    Draws one lane per component and one arrow per message, in order. Without --tick, draws the
    last tick that produced messages (and whatever the learner's commands caused since).

    Examples:
      diagram
      diagram --tick 3..5 --component scheduler
    """
  let flags = FilterFlags.names

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    var flags: FilterFlags
    do {
      flags = try FilterFlags.parse(args)
    } catch {
      out.error("error: \(error)")
      return false
    }
    let log = session.cluster.context.log
    if flags.filter.ticks == nil {
      let lastTick = log.recent.last?.tick ?? session.cluster.clock.tick
      flags.filter.ticks = lastTick...lastTick
    }
    let shown = flags.matching(log)
    guard !shown.isEmpty else {
      out.line("No messages to draw.")
      return true
    }
    out.write(SequenceDiagram.text(shown))
    return true
  }

  func complete(_ args: [String], session: Session) -> [String] { completeFilterFlags(args, session: session) }
}
