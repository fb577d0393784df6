// Tests of `kubelab lessons lint`: every broken fixture reports exactly the expected problems.
import Foundation
import KubelabTestSupport
import REPL
import Testing
import Workbook

struct LessonLintTests {
  /// Console commands as the executable's lint knows them.
  static let known = Set(CommandRegistry.standard().names)

  static func readOnly(_ writer: String) -> String {
    "a check may only read the cluster, but \"\(writer)\" changes it: checks run after every command and are not"
      + " replayed; put it in setup or the solution (checks may run kubectl get, describe, logs, top, auth can-i,"
      + " api-resources …, etcdctl, messages, diagram, status, explain, ssh NODE crictl|iptables-save|systemctl"
      + " status, dashboard)"
  }

  static let expected = [
    "en/bad-block.md:7: a lesson block outside a step: put it under a `## ` heading",
    "en/bad-block.md:16: bad YAML in the lesson block: did not find expected '-' indicator (while parsing a block collection at line 15, column 3)",
    "en/bad-block.md:19: a second lesson block in step \"Step\": put everything in one block",
    "en/bad-checks.md:11: check of unknown kind (file): use command, message, ran or question",
    "en/bad-checks.md:12: invalid regular expression \"^kubectl (apply\"",
    "en/bad-checks.md:14: invalid regular expression \"Tick: +[0-9\"",
    "en/bad-checks.md:15: a command check needs equals, contains or matches",
    "en/bad-checks.md:18: answer \"node-3\" is not among the choices",
    "en/bad-checks.md:19: message.from: unknown component \"schedular\" (components: kubectl, apiserver, etcd, scheduler, controller-manager, kubelet, runtime, kube-proxy, coredns, dashboard; add @NODE for one node)",
    "en/bad-checks.md:20: a check has one kind, not command and ran: split it into separate checks",
    "en/bad-checks.md:22: \(readOnly("kubectl apply"))",
    "en/bad-checks.md:24: \(readOnly("step"))",
    "en/bad-checks.md:30: \(readOnly("kubectl rollout restart"))",
    "en/bad-cluster.md:11: cluster.nodes[1].cpu: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    "en/bad-commands.md:6: unknown console command \"stepp\" in setup (did you mean \"step\"?)",
    "en/bad-commands.md:17: unknown console command \"kubeclt\" in solution (did you mean \"kubectl\"?)",
    "en/bad-commands.md:19: solution: here-document is not closed by EOF",
    "en/bad-commands.md:22: unknown console command \"stauts\" in a check (did you mean \"status\"?)",
    "en/bad-yaml.md:6: bad YAML in the front matter: did not find expected ',' or ']' (while parsing a flow sequence at line 5, column 10)",
    "en/dup-b.md:2: duplicate id \"twice\" (also in en/dup-a.md:2)",
    "en/dup-b.md:5: unknown prerequisite \"nowhere\"",
    "en/missing-fields.md:1: missing id in the front matter",
    "en/missing-fields.md:1: missing language in the front matter",
    "en/no-checks.md:9: step \"Just prose\" has no checks (add a ```lesson block with checks:)",
    "en/no-checks.md:15: step \"An empty block\" has no checks",
    "en/no-front-matter.md:1: missing front matter: a lesson starts with a line `---`, its settings in YAML, and `---`",
    "en/unknown-keys.md:1: missing title in the front matter",
    "en/unknown-keys.md:3: unknown key \"titel\" in the front matter (did you mean \"title\"?)",
    "en/unknown-keys.md:10: unknown key \"hint\" in a lesson block (did you mean \"hints\"?)",
    "en/unknown-keys.md:14: unknown key \"descripton\" in a ran check (did you mean \"description\"?)",
    "en/wrong-folder.md:4: language zh does not match the folder en/",
  ]

  @Test func everyProblemOfTheBrokenFixturesIsReportedWithItsLine() {
    let catalog = LessonCatalog.load(sources: [[LessonFixtures.lint + "/en"]], knownCommands: Self.known)
    let prefix = LessonFixtures.lint + "/"
    let lines = catalog.problems.map { $0.description.replacingOccurrences(of: prefix, with: "") }
    #expect(lines == Self.expected)
    // Only the files without problems can be started: the first of the two `twice`, and first-tick.
    #expect(catalog.lessons(language: "en").map(\.id) == ["twice", "first-tick"])
  }

  /// Checks run after every command, muted, and are never replayed: only reads are allowed.
  @Test(
    arguments: [
      ("kubectl get pods -o wide", nil), ("k -n kube-system describe pod/x", nil),
      ("kubectl auth can-i list pods", nil),
      ("kubectl --namespace=web rollout status deployment/web", nil), ("kubectl top node", nil),
      ("kubectl logs web", nil), ("kubectl api-resources", nil), ("etcdctl get /registry/pods --prefix", nil),
      ("messages --from scheduler", nil), ("status", nil), ("explain pod/web", nil), ("dashboard", nil),
      ("ssh node-1 crictl ps -a", nil), ("ssh node-1 sudo iptables-save -t nat", nil),
      ("ssh node-1 systemctl status kubelet", nil), ("kubectl apply -f -", "kubectl apply"),
      ("kubectl -n web delete pod x", "kubectl delete"), ("kubectl create deployment web", "kubectl create deployment"),
      ("kubectl auth reconcile -f x", "kubectl auth reconcile"),
      ("kubectl config use-context x", "kubectl config use-context"),
      ("step", "step"), ("tick 3", "tick"), ("run 5s", "run"), ("trace on", "trace"), ("node stop node-1", "node"),
      ("ssh node-1 systemctl restart kubelet", "ssh NODE systemctl restart"),
    ] as [(String, String?)])
  func onlyReadsMayBeChecked(_ line: String, _ writer: String?) {
    #expect(ReadOnlyCommands.writer(line) == writer)
  }

  @Test func theLintCommandPrintsTheProblemsAndFails() throws {
    let r = try KubelabProcess.run(["lessons", "lint", "en"], directory: LessonFixtures.lint)
    #expect(r.status == 1)
    #expect(r.stdout == Self.expected.joined(separator: "\n") + "\n")
    #expect(r.stderr == "13 lesson files, 31 problems\n")
  }

  @Test func theLintCommandPassesTheShippedLessons() throws {
    let r = try KubelabProcess.run(["lessons", "lint"])
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    #expect(r.stdout == "")
    #expect(r.stderr.hasSuffix("lesson files, no problems\n"))
  }

  @Test func aSingleFileCanBeLinted() throws {
    let r = try KubelabProcess.run(["lessons", "lint", "en/no-checks.md", "missing.md"], directory: LessonFixtures.lint)
    #expect(r.status == 1)
    #expect(
      r.stdout == """
        en/no-checks.md:9: step "Just prose" has no checks (add a ```lesson block with checks:)
        en/no-checks.md:15: step "An empty block" has no checks
        missing.md:1: no such file or directory

        """)
  }

  /// A lesson in a teacher's folder hides the shipped lesson with the same id and language.
  @Test func anEarlierSourceOverridesALaterOne() throws {
    let dir = LessonFixtures.temporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dir) }
    let mine = """
      ---
      id: first-tick
      title: My own first tick
      language: en
      ---

      ## One step

      ```lesson
      checks:
        - ran: "^step"
      ```
      """
    try mine.write(toFile: dir + "/mine.md", atomically: true, encoding: .utf8)
    let catalog = LessonCatalog.load(sources: [[dir], [LessonFixtures.shipped]], knownCommands: Self.known)
    #expect(catalog.problems.isEmpty)
    #expect(catalog.lessons(language: "en").filter { $0.id == "first-tick" }.map(\.title) == ["My own first tick"])
    #expect(catalog.lessons(language: "zh").map(\.id).contains("first-tick"))
  }
}
