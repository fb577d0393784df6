// TranscriptMarkdown: a transcript as a Markdown handout — setup, then each command with its output
// and a table of the messages it caused.
import KubeSim

public enum TranscriptMarkdown {
  /// Message tables longer than this show their first `head` and last `tail` rows and a count between.
  static let tableLimit = 40
  static let head = 30
  static let tail = 5

  /// The handout in the transcript's language: a Chinese session gets Chinese headings and notes
  /// (commands, outputs and message fields stay as they were).
  public static func render(_ t: Transcript) -> String {
    let zh = t.header.language == "zh"
    var out = "# \(escape(t.title))\n\n"
    let n = t.commands.count
    if zh {
      out += "由 kubelab \(t.header.kubelab) 记录（模拟 Kubernetes \(t.header.kubernetes)）"
      if let at = t.header.recordedAt { out += "，时间 \(at)" }
      out += "。共 \(n) 条命令。\n\n## 环境\n\n"
      out += "- 种子：`\(t.header.seed)`\n"
      out += "- 节点：\(t.header.cluster.nodes.count) 个\n"
      if let script = t.header.script { out += "- 脚本：\(code(script))\n" }
      out += "- 验证：`kubelab replay --verify \(t.header.id).json` 会在同样的集群上重新执行这些命令，"
      out += "逐条比较每一行输出和每一条消息。\n\n"
    } else {
      out += "Recorded with kubelab \(t.header.kubelab) (Kubernetes \(t.header.kubernetes), simulated)"
      if let at = t.header.recordedAt { out += " on \(at)" }
      out += ". \(n) command\(n == 1 ? "" : "s").\n\n"
      out += "## Setup\n\n"
      out += "- Seed: `\(t.header.seed)`\n"
      out += "- Nodes: \(t.header.cluster.nodes.count)\n"
      if let script = t.header.script { out += "- Script: \(code(script))\n" }
      out += "- Verify: `kubelab replay --verify \(t.header.id).json` re-runs these commands on the same cluster"
      out += " and compares every output and message.\n\n"
    }
    out += nodeTable(t.header.cluster, zh: zh)
    var lesson: LessonAnnotation? = nil
    if t.commands.first?.lesson == nil { out += zh ? "\n## 命令\n" : "\n## Commands\n" }
    for c in t.commands {
      if let l = c.lesson, l.lesson != lesson?.lesson || l.step != lesson?.step {
        out +=
          zh
          ? "\n## \(escape(l.stepLabel(zh: true)))\n\n_课程 \(code(l.lesson))。_\n"
          : "\n## \(escape(l.stepLabel))\n\n_Lesson \(code(l.lesson))._\n"
        lesson = l
      }
      out += "\n" + command(c, zh: zh)
    }
    return out
  }

  static func nodeTable(_ o: ClusterOptions, zh: Bool = false) -> String {
    var out =
      zh
      ? "| 节点 | 角色 | CPU | 内存 | Pod 上限 | 污点 |\n|---|---|---|---|---|---|\n"
      : "| Node | Role | CPU | Memory | Pods | Taints |\n|---|---|---|---|---|---|\n"
    for n in o.nodes {
      let taints = n.taints.map(\.description).joined(separator: ", ")
      out += row([n.name, n.role.rawValue, n.cpu.description, n.memory.description, String(n.pods), taints])
    }
    return out
  }

  static func command(_ c: TranscriptCommand, zh: Bool = false) -> String {
    var out = "### \(c.number). \(code(c.typedLine))\n\n"
    var typed = c.prompt + c.typedLine + "\n"
    for l in c.heredocLines { typed += l + "\n" }
    out += fence(typed, info: "console")
    if c.output.isEmpty {
      out += zh ? "\n_（没有输出）_\n" : "\n_(no output)_\n"
    } else {
      out += "\n" + fence(c.output, info: "text")
    }
    if !c.success { out += zh ? "\n**命令失败。**\n" : "\n**The command failed.**\n" }
    out += "\n" + span(c, zh: zh) + "\n"
    if c.messageCount > 0 {
      out += "\n" + messageTable(c, zh: zh)
    }
    if let l = c.lesson, !l.checks.isEmpty || l.completed {
      out += zh ? "\n检查：\n\n" : "\nChecks:\n\n"
      for check in l.checks {
        out += "- \(check.passed ? "✅" : "❌") \(escape(check.name))"
        // A message of several lines (the output a check saw): its first line, the rest as code.
        var lines = check.message.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        if let first = lines.first, !check.message.isEmpty {
          out += " — \(escape(first))\n"
          lines.removeFirst()
          if !lines.isEmpty {
            out +=
              "\n"
              + fence(lines.joined(separator: "\n"), info: "text").split(separator: "\n").map { "  " + $0 + "\n" }
              .joined()
          }
        } else {
          out += "\n"
        }
      }
      if l.completed { out += zh ? "- 🎉 课程 \(code(l.lesson)) 完成\n" : "- 🎉 lesson \(code(l.lesson)) completed\n" }
    }
    return out
  }

  /// `From tick 0 to tick 1 · report; 12 messages` (or `At tick 3 · store; no messages`).
  public static func spanText(_ c: TranscriptCommand, zh: Bool = false) -> String {
    func at(_ tick: Int, _ p: Phase?) -> String { p.map { "tick \(tick) · \($0)" } ?? "tick \(tick)" }
    let from = at(c.tickBefore, c.phaseBefore)
    let to = at(c.tickAfter, c.phaseAfter)
    if zh {
      var s = from == to ? "停在 \(from)" : "从 \(from) 到 \(to)"
      s += c.messageCount == 0 ? "，没有消息" : "，\(c.messageCount) 条消息"
      return s
    }
    var s = from == to ? "At \(from)" : "From \(from) to \(to)"
    s += c.messageCount == 0 ? "; no messages" : "; \(c.messageCount) message\(c.messageCount == 1 ? "" : "s")"
    return s
  }

  static func span(_ c: TranscriptCommand, zh: Bool = false) -> String {
    zh
      ? "_" + spanText(c, zh: true) + (c.messageCount == 0 ? "。_" : "：_")
      : "_" + spanText(c) + (c.messageCount == 0 ? "._" : ":_")
  }

  static func messageTable(_ c: TranscriptCommand, zh: Bool = false) -> String {
    var out =
      zh
      ? "| # | tick · 阶段 | 发送方 | 接收方 | 动作 | 对象 | 详情 |\n|---|---|---|---|---|---|---|\n"
      : "| # | tick · phase | from | to | verb | object | detail |\n|---|---|---|---|---|---|---|\n"
    func line(_ m: TranscriptMessage) -> String {
      row([
        String(m.seq), "\(m.tick) · \(m.phase?.description ?? "kubectl")", m.from, m.to, m.verb, m.objectText, m.detail,
      ])
    }
    let ms = c.messages
    if ms.count <= tableLimit {
      for m in ms { out += line(m) }
    } else {
      for m in ms.prefix(head) { out += line(m) }
      out += row([
        "…", "", "", "", "", zh ? "另有 \(ms.count - head - tail) 条消息" : "\(ms.count - head - tail) more messages", "",
      ])
      for m in ms.suffix(tail) { out += line(m) }
    }
    if c.messageCount > ms.count {
      out +=
        zh
        ? "\n_之后还有 \(c.messageCount - ms.count) 条消息超出了记录上限，没有写进记录。_\n"
        : "\n_\(c.messageCount - ms.count) later messages were past the recorder's limit and are not in the transcript._\n"
    }
    return out
  }

  static func row(_ cells: [String]) -> String {
    "| " + cells.map(escape).joined(separator: " | ") + " |\n"
  }

  /// Text safe in a paragraph or table cell: Markdown punctuation escaped, newlines as spaces.
  static func escape(_ s: String) -> String {
    var out = ""
    for ch in s {
      switch ch {
      case "\\", "|", "*", "_", "`", "[", "]", "<", ">", "#": out += "\\\(ch)"
      case "\n", "\r": out += " "
      default: out.append(ch)
      }
    }
    return out
  }

  /// Inline code that survives backticks inside.
  static func code(_ s: String) -> String {
    let flat = s.replacingNewlines()
    let ticks = String(repeating: "`", count: longestRun(of: "`", in: flat) + 1)
    let pad = flat.hasPrefix("`") || flat.hasSuffix("`") ? " " : ""
    return ticks + pad + flat + pad + ticks
  }

  /// A fenced code block whose fence is longer than any run of backticks in `s`.
  static func fence(_ s: String, info: String) -> String {
    let ticks = String(repeating: "`", count: max(3, longestRun(of: "`", in: s) + 1))
    return ticks + info + "\n" + s + (s.hasSuffix("\n") ? "" : "\n") + ticks + "\n"
  }

  static func longestRun(of c: Character, in s: String) -> Int {
    var best = 0
    var run = 0
    for ch in s {
      run = ch == c ? run + 1 : 0
      best = max(best, run)
    }
    return best
  }
}

extension String {
  func replacingNewlines() -> String {
    String(map { $0 == "\n" || $0 == "\r" ? " " : $0 })
  }
}
