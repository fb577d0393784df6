// FuzzInputs: the deterministic generator of random and mutated console commands and manifests
// that FuzzTests feeds through batch mode.
import Foundation

/// SplitMix64: a tiny seeded generator, so the fuzz corpus is the same on every run.
struct SplitMix64 {
  var state: UInt64

  mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A number in 0..<n.
  mutating func int(_ n: Int) -> Int { n <= 1 ? 0 : Int(next() % UInt64(n)) }
  mutating func chance(_ percent: Int) -> Bool { int(100) < percent }
  mutating func pick<T>(_ a: [T]) -> T { a[int(a.count)] }
}

/// One unit of a batch script: a command line, and the heredoc body it reads when it has one.
struct FuzzUnit: CustomStringConvertible {
  var line: String
  /// The heredoc body (without the closing delimiter); `line` then ends with `<<EOF`.
  var body: String?

  /// The unit as script text, newline-terminated.
  var script: String {
    guard let body else { return line + "\n" }
    return line + "\n" + body + (body.hasSuffix("\n") || body.isEmpty ? "" : "\n") + "EOF\n"
  }

  var description: String { script }
}

/// Generates the corpus: real commands of every console command and of kubectl, mutated at the
/// token and the character level, and the documentation's example manifests, mutated line by line.
struct FuzzInputs {
  var rng: SplitMix64
  let manifests: [String]

  init(seed: UInt64, manifests: [String]) {
    rng = SplitMix64(state: seed)
    self.manifests = manifests
  }

  /// The bundled examples (`examples/k8s.io`), sorted by path, plus a few small manifests of
  /// kinds the examples lack.
  static func loadManifests() -> [String] {
    var root = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { root.deleteLastPathComponent() }
    let dir = root.appendingPathComponent("examples/k8s.io")
    let files =
      (FileManager.default.enumerator(atPath: dir.path)?.compactMap { $0 as? String } ?? [])
      .filter { $0.hasSuffix(".yaml") }.sorted()
    return files.compactMap { try? String(contentsOfFile: dir.appendingPathComponent($0).path, encoding: .utf8) }
      + extraManifests
  }

  static let extraManifests = [
    """
    apiVersion: v1
    kind: ConfigMap
    metadata:
      name: settings
      labels:
        app: web
    data:
      mode: fast
      level: "3"
    """,
    """
    apiVersion: v1
    kind: Secret
    metadata:
      name: creds
    type: Opaque
    stringData:
      password: s3cr3t
    """,
    """
    apiVersion: batch/v1
    kind: CronJob
    metadata:
      name: hello
    spec:
      schedule: "*/1 * * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              containers:
              - name: hello
                image: busybox:1.28
                command: ["sh", "-c", "date; echo Hello"]
    """,
    """
    apiVersion: rbac.authorization.k8s.io/v1
    kind: Role
    metadata:
      namespace: default
      name: pod-reader
    rules:
    - apiGroups: [""]
      resources: ["pods"]
      verbs: ["get", "watch", "list"]
    ---
    apiVersion: rbac.authorization.k8s.io/v1
    kind: RoleBinding
    metadata:
      name: read-pods
      namespace: default
    subjects:
    - kind: User
      name: alice
      apiGroup: rbac.authorization.k8s.io
    roleRef:
      kind: Role
      name: pod-reader
      apiGroup: rbac.authorization.k8s.io
    """,
    """
    apiVersion: apps/v1
    kind: StatefulSet
    metadata:
      name: db
    spec:
      serviceName: db
      replicas: 2
      selector:
        matchLabels: {app: db}
      template:
        metadata:
          labels: {app: db}
        spec:
          containers:
          - name: db
            image: redis:7
            ports:
            - containerPort: 6379
    """,
  ]

  /// Commands that set up objects for the fuzzed commands to act on (run first in every batch).
  static let prelude = [
    FuzzUnit(line: "kubectl apply -f https://k8s.io/examples/controllers/nginx-deployment.yaml"),
    FuzzUnit(line: "kubectl create deployment web --image=nginx:1.25 --replicas=2"),
    FuzzUnit(line: "kubectl run client --image=busybox:1.36 -- sleep 3600"),
    FuzzUnit(line: "kubectl expose deployment web --port=80"),
    FuzzUnit(line: "kubectl create configmap settings --from-literal=mode=fast"),
    FuzzUnit(line: "run 30s"),
  ]

  // MARK: - Seeds

  /// Real command lines, as a learner or a lesson types them.
  static let seedCommands: [String] = [
    // kubectl reads
    "kubectl get pods", "kubectl get pods -A -o wide", "kubectl get deploy,rs,po", "kubectl get nodes -o yaml",
    "kubectl get pod client -o jsonpath='{.status.phase}'", "kubectl get pods -o custom-columns=NAME:.metadata.name",
    "kubectl get pods -l app=web --show-labels", "kubectl get pods --field-selector status.phase=Running",
    "kubectl get all", "kubectl get events --sort-by=.metadata.creationTimestamp", "kubectl get svc web -o json",
    "kubectl get deployment nginx-deployment -o name", "kubectl get pods -n kube-system",
    "kubectl get cm settings -o go-template='{{.data.mode}}'", "kubectl get pods --no-headers",
    "kubectl get endpoints web", "kubectl get node node-1 -o jsonpath='{.status.allocatable}'",
    "kubectl describe pod client", "kubectl describe nodes", "kubectl describe deployment nginx-deployment",
    "kubectl describe svc web", "kubectl describe rs", "kubectl describe node node-1",
    "kubectl logs client", "kubectl logs deploy/web --tail 5", "kubectl logs -l app=web --all-containers",
    "kubectl logs client -c client --previous", "kubectl logs client --since=1m --timestamps",
    "kubectl exec client -- ls /", "kubectl exec client -- sh -c \"echo hi; exit 3\"", "kubectl exec -it client -- sh",
    "kubectl exec client -- nslookup web", "kubectl exec client -- wget -qO- web",
    "kubectl top nodes", "kubectl top pods -A", "kubectl auth can-i list pods --as alice",
    "kubectl auth can-i '*' '*'", "kubectl auth whoami", "kubectl explain pods.spec.containers",
    "kubectl explain deployment --recursive", "kubectl api-resources", "kubectl api-resources --namespaced=false",
    "kubectl api-versions", "kubectl version", "kubectl cluster-info", "kubectl config view",
    "kubectl get --raw /api/v1/namespaces", "kubectl help", "kubectl get -h", "kubectl options",
    // kubectl writes
    "kubectl create deployment api --image=nginx --replicas=3 --port=8080",
    "kubectl create configmap app --from-literal=a=b --from-literal=c=d",
    "kubectl create secret generic s --from-literal=k=v",
    "kubectl create namespace dev", "kubectl create service clusterip db --tcp=5432:5432",
    "kubectl create job once --image=busybox -- echo done",
    "kubectl create cronjob c --image=busybox --schedule='*/5 * * * *' -- date",
    "kubectl create serviceaccount robot", "kubectl create role r --verb=get --resource=pods",
    "kubectl create rolebinding rb --role=r --user=alice", "kubectl create quota q --hard=pods=10",
    "kubectl run nginx --image=nginx --restart=Never --labels=app=x", "kubectl run tmp --rm -it --image=busybox -- sh",
    "kubectl delete pod client --grace-period=0 --force", "kubectl delete deploy web", "kubectl delete pods --all",
    "kubectl delete -f https://k8s.io/examples/controllers/nginx-deployment.yaml", "kubectl delete ns dev --wait=false",
    "kubectl delete svc,cm -l app=web", "kubectl scale deployment/web --replicas=5",
    "kubectl scale rs --all --replicas=1",
    "kubectl scale deploy nginx-deployment --current-replicas=3 --replicas=0",
    "kubectl label pods client tier=front --overwrite", "kubectl label node node-1 disk=ssd",
    "kubectl label pod client tier-",
    "kubectl annotate deploy web note='hello world'", "kubectl annotate pods --all a=b",
    "kubectl taint nodes node-1 key=value:NoSchedule", "kubectl taint node node-1 key-",
    "kubectl taint nodes --all x=y:NoExecute",
    "kubectl cordon node-1", "kubectl uncordon node-1",
    "kubectl drain node-2 --ignore-daemonsets --delete-emptydir-data --force",
    "kubectl expose deployment nginx-deployment --port=80 --type=NodePort",
    "kubectl expose pod client --port=8080 --name=c",
    "kubectl rollout status deployment/web", "kubectl rollout history deployment/nginx-deployment",
    "kubectl rollout undo deployment/nginx-deployment --to-revision=1", "kubectl rollout restart deployment web",
    "kubectl rollout pause deploy/web", "kubectl rollout resume deploy/web",
    "kubectl set image deployment/web nginx=nginx:1.26", "kubectl set image deploy/nginx-deployment '*=nginx:bad'",
    "kubectl patch deployment web -p '{\"spec\":{\"replicas\":4}}'",
    "kubectl patch pod client --type=json -p '[{\"op\":\"replace\",\"path\":\"/metadata/labels/a\",\"value\":\"b\"}]'",
    "kubectl patch svc web --type merge -p '{\"spec\":{\"type\":\"NodePort\"}}'",
    "kubectl wait --for=condition=Ready pod/client --timeout=30s", "kubectl edit deploy web",
    "kubectl apply -f https://k8s.io/examples/pods/simple-pod.yaml", "kubectl apply -f . --recursive",
    "kubectl create -f https://k8s.io/examples/service/nginx-service.yaml",
    "kubectl replace -f https://k8s.io/examples/pods/pod-nginx.yaml",
    "kubectl diff -f https://k8s.io/examples/controllers/frontend.yaml", "kubectl apply -k .",
    "k get po", "k describe po client", "kubectl --namespace kube-system get pods",
    "kubectl config set-context --current --namespace=dev",
    "kubectl get pods --as alice", "kubectl delete pod client --as system:serviceaccount:default:default",
    // the console
    "step", "step 6", "tick", "tick 3", "run 30s", "run 1m", "run until pod/client running --timeout 1m",
    "run until deployment/web available", "run until idle", "run until pods ready -l app=web",
    "run until node/node-2 notready --timeout 2m",
    "status", "messages", "messages --last 20", "messages --from scheduler --verb POST", "messages --tick 1..3 --body",
    "messages --component kubelet@node-1 --kind cri", "messages --object 'pods/*/binding' --body",
    "msgs --phase store --last 5",
    "trace on", "trace on --component scheduler", "trace on --kind cri", "trace off", "trace",
    "diagram", "diagram --tick 1..2 --component scheduler",
    "etcdctl get /registry/pods --prefix --keys-only", "etcdctl get / --prefix --count-only",
    "etcdctl get /registry/deployments/default/web -w json", "etcdctl get /registry/minions/node-1 --print-value-only",
    "etcdctl get /registry/pods/default /registry/pods/defaulz --limit 2 -w fields",
    "etcdctl get /registry --from-key --rev 3",
    "etcdctl watch /registry/pods --prefix --rev 1", "etcdctl endpoint status -w table", "etcdctl member list",
    "etcdctl lease list", "etcdctl version", "etcdctl put /registry/x y", "etcdctl del /registry/pods --prefix",
    "explain pod/client", "explain pod/client -n default",
    "ssh node-1 crictl ps -a", "ssh node-2 crictl pods", "ssh node-1 crictl images", "ssh node-1 crictl logs 0",
    "ssh node-1 iptables-save -t nat", "ssh node-2 iptables-save", "ssh node-1 systemctl status kubelet",
    "ssh control-plane systemctl status containerd", "ssh node-1", "ssh node-1 ls /",
    "dashboard", "node stop node-2", "node start node-2", "node restart node-1", "node disconnect node-1",
    "node reconnect node-1", "node", "kill pod/client", "kill pod/client -c client -n default",
    "restart scheduler", "restart controller-manager", "restart kubelet",
    "export transcript out.md", "export transcript out --format json", "export transcript page.html",
    "export transcript rec.cast",
    "help", "help run", "help kubectl", "? messages",
    "lesson", "lesson list", "lesson start first-tick", "lesson start cluster-os", "lesson stop", "lesson reset",
    "next", "back", "hint", "solution", "check", "answer 3", "answer the scheduler",
    "! kubectl get pods", "! status", "! kubectl get pods --as alice",
  ]

  /// Words to insert or substitute: flags of every kind (many unknown), values and oddities.
  static let pool: [String] = [
    "-o", "-o=yaml", "-o json", "-owide", "-o=jsonpath={.items[*].metadata.name}", "-o=custom-columns=X:.spec",
    "-o", "go-template={{", "-o=jsonpath={.a[", "-o=jsonpath={range .items[*]}{.x}{end", "-o=name", "-o=tsv",
    "-n", "--namespace=kube-system", "-n=nope", "-A", "--all-namespaces", "-l", "app=web", "-l=app in (web,x)",
    "-l", "!!", "--selector=a=b,,", "--field-selector=spec.nodeName=node-1", "--field-selector=bad",
    "--replicas=-1", "--replicas=99999999999999999999", "--replicas=2147483648", "--replicas=abc",
    "--port=99999999999", "--node-port=9999999999", "--tail=9223372036854775807", "--limit=-1", "--to-revision=-5",
    "--revision=9223372036854775807", "--current-replicas=-9223372036854775808", "--grace-period=9223372036854775807",
    "--replicas", "--image=", "--image=nginx",
    "--port=0", "--port=70000", "--port=-5", "--timeout=-1s", "--timeout=1x", "--grace-period=-2", "--tail=-7",
    "--since=bogus", "--dry-run", "--dry-run=server", "--dry-run=maybe", "--force", "--all", "--overwrite",
    "--recursive", "-R", "-f", "-f -", "-f=/nonexistent.yaml", "-f", "''", "-k", "--as", "--as=", "--as=alice",
    "--as-group=system:masters", "--context=x", "--kubeconfig=/dev/null", "--server=http://x", "-v=9", "--v=10",
    "--help", "-h", "--", "--unknown-flag", "--nope=1", "-Z", "-", "--=", "---", "-o-", "--no-headers=maybe",
    "--show-labels", "--watch", "-w", "--sort-by=.status", "--sort-by={", "--prefix", "--rev", "--rev=-3",
    "--rev=999999999", "--limit=0", "--last", "--last=-1", "--tick", "--tick=5..2", "--tick=a..b", "--tick=..",
    "--body", "--from", "kubelet@node-9", "--to=etcd", "--component=nobody", "--verb=PATCH", "--kind=cri",
    "--phase=dream", "--object=[", "--format=pdf", "-c", "-c=nope", "-it", "-i", "-t", "--container=x", "-p",
    "pod/client", "deploy/web", "deployment/nginx-deployment", "node/node-1", "node-1", "node-2", "node-3",
    "control-plane", "pods", "po", "nodes", "svc", "services", "cm", "secrets", "ns", "deployments.apps",
    "deployments.v1.apps", "rs", "ds", "jobs", "cronjobs", "events", "leases", "endpoints", "endpointslices",
    "serviceaccounts", "roles", "clusterrolebindings", "crd", "foo", "pods/", "/", "pods/client/x", "web", "client",
    "nginx-deployment", "kube-system", "default", "kube-dns", "coredns", "until", "running", "ready", "idle",
    "available", "notready", "deleted", "30s", "0s", "-5s", "2m30s", "5m", "1d", "2x", "99999999999999d", "0", "1",
    "-1", "3",
    "2147483648", "9223372036854775807", "9223372036854775808", "99999999999999999999", "1e9", "0x10", "NaN",
    "1.5", "½", "٣", "五", "true", "null", "~", "{}", "[]", "{\"a\":", "'{\"spec\":{\"replicas\":\"x\"}}'",
    "key=value:NoSchedule", "key=value:Bogus", "key:NoExecute", "=", "a=", "=b", "a==b", "a-", "-a", "x=y=z",
    "*", "**", "?", "$HOME", "`date`", "$(whoami)", "\\", "\\n", ";", "&&", "|", ">", "<", "2>&1",
    "\"", "'", "\"unbalanced", "'unbalanced", "\"\"", "''", "\" \"", "'a b'", "中文", "日本語のテキスト", "пример",
    "العربية", "😀", "🇨🇭", "é", "e\u{301}", "\u{200B}", "\u{FEFF}", "\u{202E}abc", "Ω≈ç√", "名称=值",
    "pod/中文", "node-\u{1}", "a\u{7}b", "\u{1B}[31mred", "\t", "\u{B}", "\u{C}", "\r", "x\ry",
  ]

  static let longWords = [
    String(repeating: "a", count: 5000), String(repeating: "中", count: 2000),
    "pod/" + String(repeating: "x", count: 300), String(repeating: "-", count: 1000),
    String(repeating: "9", count: 400), "--" + String(repeating: "f", count: 3000),
  ]

  static let wrongScalars = [
    "[]", "{}", "-1", "-3", "0", "1e400", "99999999999999999999", "2147483648", "9223372036854775808",
    "true", "null", "~", "abc", "1.5", "0x1F", "'unterminated", "\"unterminated", "{a: [", "[a, b", "&anchor",
    "*alias", "!!binary xx", "!!int foo", "中文", "😀", "1Ei", "1.5.3Gi", "1000000000000000000000Gi", "-100Mi",
    "0.0000001m", "+5", ".inf", "-.inf", ".nan", "''", "\"\"", "|", ">", "- a", "? x", "@x", "`x`", "%x",
    "value: nested: colon", "[[[[[[[[[[[[[[[[[[[[", "{{{{{{{{{{{{{{{{{{{{", "\t", "\u{1}",
    String(repeating: "z", count: 300),
  ]

  static let garbageLines = [
    "{{{", "[a, b", "- - -", "---", "...", "%YAML 1.1", "%TAG ! tag:x", "? complex", ": x", "\t\tkey: tab",
    "key: [1, 2", "key: {a: 1", "&a x: y", "<<: *a", "!!map", "- ", "#", "'", "\"", "kind: Foo", "apiVersion: v9",
    "metadata: ", "spec: null", "  - name: ", "    - -", "items:", "status: {phase: Running}", "\u{FEFF}kind: Pod",
    "key: value: value", String(repeating: " ", count: 200) + "x: y", "中文: 值", "replicas: -5", "replicas: 2147483648",
  ]

  static let kinds = [
    "Foo", "pod", "PODS", "", "Deployment", "Service", "List", "Status", "Node", "Namespace", "中文", "Pod2",
  ]
  static let apiVersions = [
    "v2", "apps/v9", "", "v1/x", "apps/v1", "v1", "batch/v1beta1", "extensions/v1beta1", "/", "a/b/c",
  ]

  // MARK: - Generation

  /// The next unit: a mutated command line (most of the time) or a mutated manifest.
  mutating func next() -> FuzzUnit {
    var unit: FuzzUnit
    if rng.chance(35) {
      unit = manifestUnit()
    } else {
      unit = FuzzUnit(line: commandLine())
    }
    return unit
  }

  mutating func commandLine() -> String {
    var words = Self.split(rng.pick(Self.seedCommands))
    let mutations = rng.int(4)
    for _ in 0..<mutations { mutateWords(&words) }
    var line = words.joined(separator: " ")
    if rng.chance(20) { line = mutateCharacters(line) }
    if rng.chance(3) { line = randomGarbage() }
    return Self.sanitized(line)
  }

  /// Splits on spaces, keeping quoted parts together (good enough for seeds).
  static func split(_ s: String) -> [String] {
    var words: [String] = []
    var current = ""
    var quote: Character? = nil
    for c in s {
      if let q = quote {
        current.append(c)
        if c == q { quote = nil }
      } else if c == " " {
        if !current.isEmpty { words.append(current) }
        current = ""
      } else {
        if c == "'" || c == "\"" { quote = c }
        current.append(c)
      }
    }
    if !current.isEmpty { words.append(current) }
    return words
  }

  mutating func mutateWords(_ words: inout [String]) {
    let i = words.isEmpty ? 0 : rng.int(words.count)
    switch rng.int(14) {
    case 0 where !words.isEmpty: words.remove(at: i)
    case 1 where !words.isEmpty: words.insert(words[i], at: i)
    case 2 where words.count > 1:
      let j = rng.int(words.count)
      words.swapAt(i, j)
    case 3, 4: words.insert(rng.pick(Self.pool), at: min(words.count, i + 1))
    case 5 where !words.isEmpty: words[i] = rng.pick(Self.pool)
    case 6: words.insert(rng.pick(Self.longWords), at: min(words.count, i + 1))
    case 7 where !words.isEmpty: words[i] = rng.pick(["\"", "'"]) + words[i]
    case 8 where words.count > 1: words.removeLast(rng.int(words.count - 1) + 1)
    case 9: words.append(contentsOf: ["--", rng.pick(Self.pool)])
    case 10 where !words.isEmpty: words[i] = words[i] + rng.pick(Self.pool)
    case 11, 12:
      // A number at a boundary (Int32, Int64, negative, zero) where the line has one.
      let numbered = words.indices.filter { words[$0].contains(where: \.isNumber) }
      if let j = numbered.isEmpty ? nil : numbered[rng.int(numbered.count)] {
        words[j] = Self.replacingDigits(words[j], with: rng.pick(Self.boundaryNumbers))
      } else {
        words.append(rng.pick(Self.boundaryNumbers))
      }
    default: words.append(rng.pick(Self.pool))
    }
  }

  static let boundaryNumbers = [
    "0", "-1", "-0", "2147483647", "2147483648", "-2147483649", "4294967296", "9223372036854775807",
    "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "99999999999999999999", "1e400",
  ]

  /// `word` with its first run of digits replaced (`--replicas=3` → `--replicas=2147483648`).
  static func replacingDigits(_ word: String, with number: String) -> String {
    guard let start = word.firstIndex(where: \.isNumber) else { return word + number }
    let end = word[start...].firstIndex { !$0.isNumber } ?? word.endIndex
    return String(word[..<start]) + number + String(word[end...])
  }

  mutating func mutateCharacters(_ s: String) -> String {
    var chars = Array(s)
    guard !chars.isEmpty else { return s }
    let flips = rng.int(3) + 1
    for _ in 0..<flips {
      let i = rng.int(chars.count)
      switch rng.int(5) {
      case 0: chars[i] = rng.pick(Self.oddCharacters)
      case 1: chars.insert(rng.pick(Self.oddCharacters), at: i)
      case 2 where chars.count > 1: chars.remove(at: i)
      case 3: chars = Array(chars.prefix(i))
      default: chars.insert(chars[i], at: i)
      }
      if chars.isEmpty { break }
    }
    return String(chars)
  }

  static let oddCharacters: [Character] = [
    "\"", "'", "\\", "-", "=", ":", "/", " ", "\t", "{", "}", "[", "]", "$", "`", "!", "#", "*", ".", ",", "@",
    "中", "é", "😀", "\u{1}", "\u{7}", "\u{1B}", "\u{7F}", "\u{200B}", "\u{FFFD}", "0", "9", "x", "Z", "\u{B}",
  ]

  /// NUL-free bytes decoded as UTF-8 (invalid sequences become U+FFFD) — what a stray binary paste looks like.
  mutating func randomGarbage() -> String {
    let n = rng.int(80) + 1
    var bytes: [UInt8] = []
    for _ in 0..<n {
      var b = UInt8(truncatingIfNeeded: rng.next())
      if b == 0 || b == 0x0A { b = 0x20 }
      bytes.append(b)
    }
    return String(decoding: bytes, as: UTF8.self)
  }

  /// Keeps a line on one line of the script and off the commands that end a batch (`exit`),
  /// start a heredoc that the generator did not close, or wait for ever by design.
  static func sanitized(_ line: String) -> String {
    var l = line.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r\n", with: " ")
    l = l.replacingOccurrences(of: "<<", with: "< <")
    if l.hasSuffix("\r") { l += " " }  // "\r\n" is one Character: the script's lines would merge
    var words = l.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    let first = words.firstIndex { !$0.isEmpty && $0 != "!" }
    if words.prefix(2).contains(where: { ["exit", "quit", "\"exit\"", "'exit'", "\"quit\"", "'quit'"].contains($0) }) {
      return "# " + l
    }
    // Simulated time costs real time (a simulated day is minutes of a debug build): a long but
    // valid `tick`/`step` count or `run` duration becomes a short one; amounts past Int64 stay.
    if let first, ["tick", "step", "run"].contains(words[first]) {
      for i in words.indices.dropFirst(first + 1) {
        if let seconds = Self.seconds(words[i]), seconds > 3600 {
          words[i] = "60"
        }
      }
      l = words.joined(separator: " ")
    }
    return l
  }

  /// The seconds (or the count) a word such as `90`, `5m` or `1h30m` stands for, when it fits in
  /// an Int64; nil for other words and for amounts that overflow.
  static func seconds(_ word: String) -> Int64? {
    var w = Substring(word.filter { $0 != "'" && $0 != "\"" && $0 != "\\" })
    if let eq = w.firstIndex(of: "=") { w = w[w.index(after: eq)...] }
    if let n = Int64(w) { return n }
    var total: Int64 = 0
    var number = ""
    for c in w {
      if c.isASCII && c.isNumber {
        number.append(c)
        continue
      }
      let unit: Int64
      switch c {
      case "s": unit = 1
      case "m": unit = 60
      case "h": unit = 3600
      case "d": unit = 86400
      default: return nil
      }
      guard let n = Int64(number) else { return nil }
      let (product, o1) = n.multipliedReportingOverflow(by: unit)
      let (sum, o2) = total.addingReportingOverflow(product)
      if o1 || o2 { return nil }
      total = sum
      number = ""
    }
    return number.isEmpty ? total : nil
  }

  // MARK: - Manifests

  mutating func manifestUnit() -> FuzzUnit {
    var text = rng.pick(manifests)
    let mutations = rng.int(4)
    for _ in 0..<mutations { text = mutateManifest(text) }
    if rng.chance(10) { text = text + "\n---\n" + mutateManifest(rng.pick(manifests)) }
    let command = rng.pick([
      "kubectl apply -f -", "kubectl apply -f -", "kubectl apply -f -", "kubectl create -f -", "kubectl create -f -",
      "kubectl replace -f -", "kubectl delete -f -", "kubectl apply --dry-run=client -f - -o yaml",
      "kubectl apply -f - -o name", "kubectl create -f - --validate=false", "kubectl apply --server-side -f -",
      "kubectl diff -f -", "kubectl apply -f - --prune", "kubectl get -f -", "kubectl describe -f -",
      "kubectl create -f - -n kube-system", "kubectl apply -f - --namespace=nope",
    ])
    // The body never holds the delimiter on a line of its own.
    let body = text.split(separator: "\n", omittingEmptySubsequences: false)
      .map { $0 == "EOF" ? "EOF " : String($0) }.joined(separator: "\n")
    return FuzzUnit(line: command + " <<EOF", body: body)
  }

  mutating func mutateManifest(_ text: String) -> String {
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    guard !lines.isEmpty else { return text }
    let i = rng.int(lines.count)
    switch rng.int(14) {
    case 0: lines.remove(at: i)
    case 1: lines.insert(lines[i], at: i)
    case 2:
      // Re-indent one line.
      let delta = rng.pick([-4, -2, -1, 1, 2, 3])
      if delta < 0 {
        lines[i] = String(lines[i].dropFirst(min(-delta, lines[i].prefix { $0 == " " }.count)))
      } else {
        lines[i] = String(repeating: " ", count: delta) + lines[i]
      }
    case 3, 4:
      // A scalar of the wrong type.
      if let colon = lines[i].range(of: ": ") {
        lines[i] = String(lines[i][..<colon.upperBound]) + rng.pick(Self.wrongScalars)
      } else if lines[i].hasSuffix(":") {
        lines[i] += " " + rng.pick(Self.wrongScalars)
      } else {
        lines[i] += rng.pick(Self.wrongScalars)
      }
    case 5:
      let cut = rng.int(text.count + 1)
      return String(text.prefix(cut))
    case 6: lines[i] = lines[i].replacingOccurrences(of: "  ", with: "\t")
    case 7: lines.insert(rng.pick(Self.garbageLines), at: i)
    case 8:
      return Self.replaceValue(of: "kind", in: lines, with: rng.pick(Self.kinds))
    case 9:
      return Self.replaceValue(of: "apiVersion", in: lines, with: rng.pick(Self.apiVersions))
    case 10:
      let key = rng.pick([
        "replicas", "containerPort", "port", "cpu", "memory", "name", "image", "terminationGracePeriodSeconds",
      ])
      let value = rng.pick([
        "-1", "-100", "0", "2147483648", "99999999999999999999", "1.5", "\"3\"", "1e3", "-0", "x", "500000m",
        "1Pi", "-1Gi", "\"\"", "UPPER_case", "a/b", "..", "中文", "null",
      ])
      for j in lines.indices where lines[j].trimmingCharacters(in: .whitespaces).hasPrefix(key + ":") {
        let indent = lines[j].prefix { $0 == " " || $0 == "-" }
        lines[j] = indent + key + ": " + value
        break
      }
    case 11: lines.insert("---", at: i)
    case 12:
      // A key nobody knows.
      let indent = lines[i].prefix { $0 == " " }
      lines.insert(indent + rng.pick(["bogus: 1", "spec: {}", "metadata: x", "extra:", "- item"]), at: i)
    default:
      lines[i] = mutateCharacters(lines[i])
    }
    return lines.joined(separator: "\n")
  }

  static func replaceValue(of key: String, in lines: [String], with value: String) -> String {
    var lines = lines
    if let j = lines.firstIndex(where: { $0.hasPrefix(key + ":") }) { lines[j] = "\(key): \(value)" }
    return lines.joined(separator: "\n")
  }
}
