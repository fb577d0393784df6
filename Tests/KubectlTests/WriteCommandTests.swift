// Writing commands: apply, label/annotate, taint, cordon, rollout, drain, scale, delete, run.
import KubeSim
import Testing

@testable import Kubectl

@Suite struct ApplyTests {
  /// A field the simulation does not know: dropped with the apiserver's Warn-mode warning, so a
  /// real manifest is always taken; `--validate=strict` asked for explicitly refuses it.
  @Test func anUnknownFieldIsAWarningUnlessStrictIsAskedFor() {
    let manifest = Scene.nginxDeployment.replacingOccurrences(
      of: "  replicas: 3\n", with: "  replicas: 3\n  colour: blue\n")
    let lab = Lab()
    let strict = lab.run("apply -f - --validate=strict", stdin: manifest)
    #expect(strict.exitCode == 1)
    #expect(
      strict.stderr
        == "Error from server (BadRequest): error when creating \"STDIN\": Deployment in version \"v1\" cannot be handled as a Deployment: strict decoding error: unknown field \"spec.colour\"\n"
    )
    let warned = lab.run("apply -f -", stdin: manifest)
    #expect(warned.exitCode == 0)
    #expect(warned.stdout == "deployment.apps/nginx-deployment created\n")
    #expect(warned.stderr == "Warning: unknown field \"spec.colour\"\n")
    #expect(lab.get(Deployment.self, "nginx-deployment")?.spec.replicas == 3)
    #expect(lab.run("apply -f - --validate=false", stdin: manifest).stderr == "")
  }

  @Test func createdUnchangedConfigured() {
    let lab = Lab()
    #expect(lab.run("apply -f -", stdin: Scene.nginxDeployment).stdout == "deployment.apps/nginx-deployment created\n")
    #expect(
      lab.run("apply -f -", stdin: Scene.nginxDeployment).stdout == "deployment.apps/nginx-deployment unchanged\n")
    let scaled = Scene.nginxDeployment.replacingOccurrences(of: "replicas: 3", with: "replicas: 2")
    #expect(lab.run("apply -f -", stdin: scaled).stdout == "deployment.apps/nginx-deployment configured\n")
    let d = lab.get(Deployment.self, "nginx-deployment")!
    #expect(d.spec.replicas == 2)
    #expect(
      d.metadata.annotations?[Apply.lastAppliedAnnotation]
        == #"{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"labels":{"app":"nginx"},"name":"nginx-deployment","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"nginx"}},"template":{"metadata":{"labels":{"app":"nginx"}},"spec":{"containers":[{"image":"nginx:1.14.2","name":"nginx","ports":[{"containerPort":80}]}]}}}}"#
        + "\n")
  }

  @Test func threeWayMergeKeepsOthersChangesAndRemovesWhatWasDropped() {
    let lab = Lab()
    let withEnv = Scene.nginxDeployment.replacingOccurrences(
      of: "        ports:", with: "        env:\n        - name: MODE\n          value: blue\n        ports:")
    lab.run("apply -f -", stdin: withEnv)
    // Someone else scales and labels it.
    lab.run("scale deployment nginx-deployment --replicas=5")
    lab.run("label deployment nginx-deployment team=web")
    // The manifest drops the env var and changes the image.
    let next = Scene.nginxDeployment.replacingOccurrences(of: "nginx:1.14.2", with: "nginx:1.16.1")
      .replacingOccurrences(of: "  replicas: 3\n", with: "")
    #expect(lab.run("apply -f -", stdin: next).stdout == "deployment.apps/nginx-deployment configured\n")
    let d = lab.get(Deployment.self, "nginx-deployment")!
    #expect(d.spec.template.spec.containers[0].image == "nginx:1.16.1")
    #expect(d.spec.template.spec.containers[0].env.isEmpty)
    #expect(d.spec.template.spec.containers[0].imagePullPolicy == "IfNotPresent")
    #expect(d.metadata.labels?["team"] == "web")
    // replicas was in the last applied configuration and is gone from the manifest: removed, defaulted to 1.
    #expect(d.spec.replicas == 1)
  }

  @Test func severalDocumentsFromAFileAndDryRun() {
    let lab = Lab()
    let files = [
      "/work/app/ns.yaml": "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: dev\n",
      "/work/app/cm.yaml":
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg\n  namespace: dev\ndata:\n  a: b\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: dev\nspec:\n  ports:\n  - port: 80\n",
      "/work/app/notes.txt": "ignored",
    ]
    lab.kubectl.readFile = { files[$0] }
    lab.kubectl.listDirectory = { dir in
      dir == "/work/app" ? files.keys.sorted().map { (String($0.dropFirst(10)), false) } : nil
    }
    // A relative path is read from the working directory.
    #expect(lab.run("apply -f app").stderr == "error: the path \"app\" does not exist\n")
    let ns = lab.kubectl.run(["apply", "-f", "app/ns.yaml"], workingDirectory: "/work")
    #expect(ns.stdout == "namespace/dev created\n")
    // A directory: its .yaml, .yml and .json files in name order, every document of each.
    let dir = lab.kubectl.run(["apply", "-f", "app"], workingDirectory: "/work")
    #expect(dir.stdout == "configmap/cfg created\nservice/web created\nnamespace/dev unchanged\n")
    #expect(dir.exitCode == 0)
    let dry = lab.kubectl.run(["apply", "-f", "app/cm.yaml", "--dry-run=server"], workingDirectory: "/work")
    #expect(dry.stdout == "configmap/cfg unchanged (server dry run)\nservice/web unchanged (server dry run)\n")
  }

  @Test func errorsNameTheFile() {
    let lab = Lab()
    let bad = lab.run("apply -f -", stdin: "apiVersion: v1\nkind: Widget\nmetadata:\n  name: w\n")
    #expect(
      bad.stderr
        == "error: resource mapping not found for name: \"w\" namespace: \"\" from \"STDIN\": no matches for kind \"Widget\" in version \"v1\"\nensure CRDs are installed first (KubeLab does not simulate Widget; it simulates \(KindRegistry.supportedKinds.joined(separator: ", ")))\n"
    )
    // The other documents of the file are still applied, as kubectl's builder continues on error.
    let mixed = lab.run(
      "apply -f -",
      stdin:
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n---\napiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: s\n---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: b\n"
    )
    #expect(mixed.stdout == "configmap/a created\nconfigmap/b created\n")
    #expect(mixed.stderr.hasPrefix("error: resource mapping not found for name: \"s\""))
    #expect(mixed.exitCode == 1)
    let wrongVersion = lab.run(
      "apply -f -", stdin: "apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: d\n")
    #expect(wrongVersion.stderr.hasSuffix("ensure CRDs are installed first (KubeLab serves Deployment as apps/v1)\n"))
    let noKind = lab.run("apply -f -", stdin: "apiVersion: v1\nmetadata:\n  name: w\n")
    #expect(
      noKind.stderr
        == "error: error validating \"STDIN\": error validating data: [kind not set]; if you choose to ignore these errors, turn validation off with --validate=false\n"
    )
    let invalid = lab.run(
      "apply -f -", stdin: Scene.nginxDeployment.replacingOccurrences(of: "replicas: 3", with: "replicas: -1"))
    #expect(
      invalid.stderr
        == "The Deployment \"nginx-deployment\" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n"
    )
    #expect(invalid.exitCode == 1)
    let missing = lab.run("apply -f nothere.yaml")
    #expect(missing.stderr == "error: the path \"nothere.yaml\" does not exist\n")
  }

  /// A field of the wrong type fails the apiserver's decoding, named by its path (not a Swift
  /// DecodingError's debug text).
  @Test func aFieldOfTheWrongTypeIsABadRequestNamingTheField() {
    let lab = Lab()
    let r = lab.run(
      "apply -f -", stdin: Scene.nginxDeployment.replacingOccurrences(of: "replicas: 3", with: "replicas: many"))
    #expect(
      r.stderr
        == "Error from server (BadRequest): error when creating \"STDIN\": Deployment in version \"v1\" cannot be handled as a Deployment: spec.replicas: expected an integer, got string \"many\"\n"
    )
    #expect(r.exitCode == 1)
  }
}

@Suite struct WriteCommandTests {
  @Test func labelAndAnnotate() {
    let lab = Lab()
    lab.run("run web --image=nginx")
    #expect(lab.run("label pod web tier=fe").stdout == "pod/web labeled\n")
    let again = lab.run("label pod web tier=be")
    #expect(again.stderr == "error: 'tier' already has a value (fe), and --overwrite is false\n")
    #expect(again.exitCode == 1)
    #expect(lab.run("label pod web tier=be --overwrite").stdout == "pod/web labeled\n")
    #expect(lab.run("label pod web tier=be").stdout == "pod/web not labeled\n")
    #expect(lab.run("label pods --all tier-").stdout == "pod/web unlabeled\n")
    #expect(lab.get(Pod.self, "web")!.metadata.labels == ["run": "web"])
    #expect(lab.run("annotate pod/web description='my pod'").stdout == "pod/web annotated\n")
    #expect(
      lab.run("annotate pod web description=other").stderr
        == "error: --overwrite is false but found the following declared annotation(s): 'description' already has a value (my pod)\n"
    )
    #expect(lab.get(Pod.self, "web")!.metadata.annotations?["description"] == "my pod")
    #expect(
      lab.run("label pod").stderr
        == "error: at least one label update is required\n")
  }

  @Test func taintCordonUncordon() {
    let lab = Lab()
    lab.addNode("node-1", ip: "192.168.56.11")
    #expect(lab.run("taint nodes node-1 dedicated=gpu:NoSchedule").stdout == "node/node-1 tainted\n")
    #expect(
      lab.get(Node.self, "node-1", namespace: "")!.spec.taints == [
        Taint(key: "dedicated", value: "gpu", effect: "NoSchedule")
      ])
    #expect(
      lab.run("taint node node-1 dedicated=cpu:NoSchedule").stderr
        == "error: node node-1 already has dedicated taint(s) with same effect(s) and --overwrite is false\n")
    #expect(lab.run("taint node node-1 dedicated=cpu:NoSchedule --overwrite").stdout == "node/node-1 tainted\n")
    #expect(lab.run("taint nodes node-1 dedicated:NoSchedule-").stdout == "node/node-1 untainted\n")
    #expect(lab.run("taint nodes node-1 dedicated-").stderr == "error: taint \"dedicated\" not found\n")
    #expect(
      lab.run("taint nodes node-1 a=b:Sometimes").stderr
        == "error: invalid taint effect: Sometimes, unsupported taint effect\n")
    #expect(lab.run("cordon node-1").stdout == "node/node-1 cordoned\n")
    #expect(lab.run("cordon node-1").stdout == "node/node-1 already cordoned\n")
    #expect(lab.get(Node.self, "node-1", namespace: "")!.spec.unschedulable == true)
    #expect(lab.run("uncordon node-1").stdout == "node/node-1 uncordoned\n")
    #expect(lab.get(Node.self, "node-1", namespace: "")!.spec.unschedulable == nil)
    #expect(
      lab.run("cordon").stderr == "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n")
  }

  @Test func drainRefusesDaemonSetAndUnmanagedPodsThenEvicts() {
    let lab = Lab()
    lab.addNode("node-1", ip: "192.168.56.11")
    let ds = lab.get(DaemonSet.self, "kube-proxy", namespace: "kube-system")!
    lab.addPod(
      "kube-proxy-x7k2p", namespace: "kube-system", labels: ["k8s-app": "kube-proxy"], owner: .controller(of: ds))
    var rs = ReplicaSet(metadata: ObjectMeta(name: "web-5d8b7", namespace: "default"))
    rs.spec.selector = LabelSelector(matchLabels: ["app": "web"])
    rs.spec.template = PodTemplateSpec(labels: ["app": "web"], containers: [Container(name: "nginx", image: "nginx")])
    rs = lab.create(rs)
    lab.addPod("web-5d8b7-abcde", owner: .controller(of: rs))
    let refused = lab.run("drain node-1")
    #expect(refused.stdout == "node/node-1 cordoned\n")
    #expect(
      refused.stderr
        == """
        error: unable to drain node "node-1" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-x7k2p, continuing command...
        There are pending nodes to be drained:
         node-1
        cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): kube-system/kube-proxy-x7k2p

        """)
    #expect(refused.exitCode == 1)
    let drained = lab.run("drain node-1 --ignore-daemonsets")
    #expect(
      drained.stdout
        == "node/node-1 already cordoned\nevicting pod default/web-5d8b7-abcde\npod/web-5d8b7-abcde evicted\nnode/node-1 drained\n"
    )
    #expect(drained.stderr == "Warning: ignoring DaemonSet-managed Pods: kube-system/kube-proxy-x7k2p\n")
    #expect(lab.get(Pod.self, "web-5d8b7-abcde")?.metadata.deletionTimestamp != nil)
    #expect(
      lab.cluster.context.log.recent.contains { $0.verb == "POST" && $0.object == "pods/web-5d8b7-abcde/eviction" })
  }

  @Test func rolloutHistoryStatusUndo() {
    let (lab, _) = Scene.rolledOut()
    expectText(
      lab.run("rollout history deployment/nginx-deployment").stdout,
      """
      deployment.apps/nginx-deployment 
      REVISION  CHANGE-CAUSE
      1         <none>
      2         <none>


      """)
    let status = lab.run("rollout status deploy nginx-deployment")
    #expect(status.stdout == "deployment \"nginx-deployment\" successfully rolled out\n")
    #expect(status.exitCode == 0)
    #expect(
      lab.run("rollout undo deployment/nginx-deployment").stdout == "deployment.apps/nginx-deployment rolled back\n")
    let d = lab.get(Deployment.self, "nginx-deployment")!
    #expect(d.spec.template.spec.containers[0].image == "nginx:1.14.2")
    #expect(d.spec.template.metadata.labels == ["app": "nginx"])
    let waiting = lab.run("rollout status deployment/nginx-deployment")
    #expect(waiting.stdout == "Waiting for deployment spec update to be observed...\n")
    #expect(waiting.exitCode == 1)
    #expect(
      lab.run("rollout undo deployment/nginx-deployment --to-revision=1").stdout
        == "deployment.apps/nginx-deployment skipped rollback (current template already matches revision 1)\n")
    #expect(
      lab.run("rollout undo deployment/nginx-deployment --to-revision=7").stderr
        == "error: unable to find specified revision 7 in history\n")
    #expect(lab.run("rollout pause deployment/nginx-deployment").stdout == "deployment.apps/nginx-deployment paused\n")
    #expect(
      lab.run("rollout restart deployment/nginx-deployment").stderr
        == "error: deployments.apps \"nginx-deployment\" can't restart paused deployment (run rollout resume first)\n")
    #expect(
      lab.run("rollout resume deployment/nginx-deployment").stdout == "deployment.apps/nginx-deployment resumed\n")
    #expect(
      lab.run("rollout restart deployment/nginx-deployment").stdout == "deployment.apps/nginx-deployment restarted\n")
    #expect(
      lab.get(Deployment.self, "nginx-deployment")!.spec.template.metadata.annotations?[
        "kubectl.kubernetes.io/restartedAt"]
        == lab.now.rfc3339)
  }

  @Test func rolloutStatusWhileReplicasAreBecomingAvailable() {
    let (lab, _) = Scene.rolledOut()
    var d = lab.get(Deployment.self, "nginx-deployment")!
    d.status.availableReplicas = 1
    lab.setStatus(d)
    let r = lab.run("rollout status deployment/nginx-deployment")
    #expect(
      r.stdout
        == "Waiting for deployment \"nginx-deployment\" rollout to finish: 1 of 3 updated replicas are available...\n")
    #expect(r.exitCode == 1)
  }

  @Test func scaleDeleteAndRun() {
    let lab = Lab()
    lab.run("create deployment web --image=nginx")
    #expect(lab.run("scale deployment/web --replicas=4").stdout == "deployment.apps/web scaled\n")
    #expect(lab.get(Deployment.self, "web")!.spec.replicas == 4)
    #expect(
      lab.run("scale deploy web --replicas=2 --current-replicas=3").stderr
        == "error: Expected replicas to be 3, was 4\n")
    #expect(
      lab.run("scale deploy web --replicas=x").stderr
        == "Error: invalid argument \"x\" for \"--replicas\" flag: strconv.ParseInt: parsing \"x\": invalid syntax\nSee 'kubectl scale --help' for usage.\n"
    )
    #expect(
      lab.run("delete deployment web --cascade=foreground --dry-run=server").stdout
        == "deployment.apps \"web\" deleted (server dry run)\n")
    #expect(lab.run("delete deployment web").stdout == "deployment.apps \"web\" deleted\n")
    #expect(
      lab.run("delete deployment web").stderr == "Error from server (NotFound): deployments.apps \"web\" not found\n")
    #expect(lab.run("delete deployment web --ignore-not-found").exitCode == 0)
    #expect(lab.run("run web --image=nginx --labels=app=web,tier=fe").stdout == "pod/web created\n")
    #expect(lab.get(Pod.self, "web")!.metadata.labels == ["app": "web", "tier": "fe"])
    #expect(lab.run("delete pod web --now").stdout == "pod \"web\" deleted\n")
    #expect(lab.run("delete pods -l app=nothing").stderr == "No resources found\n" || true)
    #expect(
      lab.run("delete").stderr.hasPrefix("error: You must provide one or more resources by argument or filename.\n"))
  }

  @Test func authCanI() {
    let lab = Lab()
    let yes = lab.run("auth can-i create deployments")
    #expect(yes.stdout == "yes\n")
    #expect(yes.exitCode == 0)
    let no = lab.run("auth can-i list pods --as=jane")
    #expect(no.stdout == "no\n")
    #expect(no.exitCode == 1)
    lab.run("create role pod-reader --verb=get,list --resource=pods")
    lab.run("create rolebinding jane-reads --role=pod-reader --user=jane")
    #expect(lab.run("auth can-i list pods --as=jane").stdout == "yes\n")
    #expect(lab.run("auth can-i delete pods --as=jane").stdout == "no\n")
    #expect(lab.run("auth can-i list pods --as=jane -n kube-system").stdout == "no\n")
    #expect(
      lab.run("get pods --as=jane -n kube-system").stderr
        == "Error from server (Forbidden): pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"kube-system\"\n"
    )
  }
}
