// SessionCommands: `help`, `exit`/`quit`.
import KubeSim

struct HelpCommand: REPLCommand {
  let name = "help"
  let aliases = ["?"]
  let group = CommandGroup.session
  let summary = "List commands, or show how to use one"
  let usage = """
    Usage: help [COMMAND]

    Example:
      help run
    """

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    if let name = args.first {
      guard let c = session.registry.command(named: name) else {
        var message = "error: no help for \"\(name)\": unknown command"
        if let near = session.registry.nearest(to: name) { message += " (did you mean \(near)?)" }
        out.error(message)
        return false
      }
      out.line("\(c.name) — \(c.summary)")
      if !c.aliases.isEmpty { out.line("Aliases: \(c.aliases.joined(separator: ", "))") }
      out.line("")
      out.line(c.usage)
      return true
    }
    out.line(
      "KubeLab \(KubeLabVersion.string) — a whole Kubernetes \(KubeLabVersion.kubernetes) cluster, one tick at a time.")
    out.line("A tick is one pass of the control loop: report → store → schedule → dispatch → run → reconcile.")
    for group in CommandGroup.allCases {
      let members = session.registry.commands.filter { $0.group == group }
      guard !members.isEmpty else { continue }
      out.line("")
      out.line("\(group.rawValue):")
      let w = members.map { $0.name.count }.max() ?? 0
      for c in members {
        out.line("  \(c.name)\(String(repeating: " ", count: w - c.name.count + 2))\(c.summary)")
      }
    }
    out.line("")
    out.line("`help COMMAND` shows usage and examples. Tab completes commands, resources and names;")
    out.line("Up/Down recall history, Ctrl-R searches it, Ctrl-C cancels a line or stops a run, Ctrl-D leaves.")
    out.line("`! COMMAND` succeeds when COMMAND fails, as in a shell (for scripts that show an error on purpose).")
    out.line(
      "`COMMAND | grep web` (also head, tail, wc, sort, uniq) filters what COMMAND prints, as in a shell.")
    return true
  }

  func complete(_ args: [String], session: Session) -> [String] {
    session.registry.names.filter { $0.hasPrefix(args.last ?? "") }
  }
}

struct ExitCommand: REPLCommand {
  let name = "exit"
  let aliases = ["quit"]
  let group = CommandGroup.session
  let summary = "Leave kubelab (Ctrl-D does the same)"
  let usage = "Usage: exit"

  func run(_ args: [String], input: String?, session: Session, out: OutputSink) -> Bool {
    session.wantsExit = true
    return true
  }
}

extension CommandRegistry {
  /// Every console command.
  public static func standard() -> CommandRegistry {
    CommandRegistry(
      [
        StepCommand(), TickCommand(), RunCommand(), StatusCommand(),
        MessagesCommand(), TraceCommand(), DiagramCommand(),
        KubectlCommand(), EtcdctlCommand(), ExplainCommand(), SSHCommand(), DashboardCommand(),
        NodeCommand(), KillCommand(), RestartCommand(),
      ] + lessonCommands + [ExportCommand(), HelpCommand(), ExitCommand()])
  }
}
