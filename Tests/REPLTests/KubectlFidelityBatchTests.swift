// KubectlFidelityBatchTests: kubectl's wording, formats and refusals as a learner meets them in
// batch mode, each compared with real kubectl v1.32 and the upstream source.
import Foundation
import KubelabTestSupport
import Testing

@Suite struct KubectlFidelityBatchTests {
  /// NamespaceLifecycle never lets `default`, `kube-system` or `kube-public` be deleted; the
  /// namespaces stay Active while the cluster runs on.
  @Test func theImmortalNamespacesCannotBeDeleted() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl delete ns default
        kubectl delete namespace kube-system kube-public
        run 30s
        kubectl get ns default kube-system kube-public --no-headers -o custom-columns=NAME:.metadata.name,PHASE:.status.phase
        """)
    #expect(r.status == 1)
    for ns in ["default", "kube-system", "kube-public"] {
      #expect(
        r.stderr.contains(
          "Error from server (Forbidden): namespaces \"\(ns)\" is forbidden: this namespace may not be deleted\n"),
        "\(r.stderr)")
    }
    #expect(r.stdout.contains("default       Active\nkube-system   Active\nkube-public   Active\n"), "\(r.stdout)")
  }

  /// Other namespaces are still deleted.
  @Test func anOrdinaryNamespaceIsStillDeleted() throws {
    let r = try KubelabProcess.run([], stdin: "kubectl create ns dev\nkubectl delete ns dev\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("namespace \"dev\" deleted\n"))
  }

  /// `--sort-by` with a field no object has is an error (sorter.go), once there is something to sort.
  @Test func sortByAFieldNoObjectHasIsAnError() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl create configmap a --from-literal=k=v
        kubectl get cm --sort-by=.foo
        kubectl get cm -o name --sort-by=.spec.bar
        """)
    #expect(r.status == 1)
    #expect(r.stderr.contains("error: couldn't find any field with path \"{.foo}\" in the list of objects\n"))
    #expect(r.stderr.contains("error: couldn't find any field with path \"{.spec.bar}\" in the list of objects\n"))
    #expect(!r.stdout.contains("kube-root-ca.crt"), "\(r.stdout)")
  }

  /// A table of one row is not sorted, so a missing field is no error there.
  @Test func sortByOnOneRowPrintsTheRow() throws {
    let r = try KubelabProcess.run([], stdin: "kubectl get cm --sort-by=.foo\n")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("kube-root-ca.crt"))
  }

  /// kubectl sorts text in natural order (`web-2` before `web-10`) and quantities by amount.
  @Test func sortByUsesNaturalOrderAndQuantities() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl create configmap web-10 --from-literal=size=1Gi
        kubectl create configmap web-9 --from-literal=size=512Mi
        kubectl create configmap web-2 --from-literal=size=128Mi
        kubectl get cm --sort-by=.metadata.name -o name
        kubectl get cm --sort-by=.data.size -o custom-columns=NAME:.metadata.name,SIZE:.data.size
        """)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stdout.contains(
        "configmap/kube-root-ca.crt\nconfigmap/web-2\nconfigmap/web-9\nconfigmap/web-10\n"), "\(r.stdout)")
    #expect(
      r.stdout.contains(
        """
        NAME               SIZE
        kube-root-ca.crt   <none>
        web-2              128Mi
        web-9              512Mi
        web-10             1Gi

        """), "\(r.stdout)")
  }

  /// custom-columns prints a value as Go's fmt does (`map[k:v]`, `[a b]`), not as JSON.
  @Test func customColumnsPrintMapsAndListsAsGoDoes() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl run web --image=nginx --labels=app=web,tier=front
        kubectl get pod web -o custom-columns=NAME:.metadata.name,LABELS:.metadata.labels,ARGS:.spec.containers[0].ports
        kubectl get node control-plane -o custom-columns=TAINTS:.spec.taints
        kubectl get pod web -o jsonpath={.metadata.labels}
        """)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\nweb    map[app:web tier:front]   <none>\n"), "\(r.stdout)")
    #expect(
      r.stdout.contains("TAINTS\n[map[effect:NoSchedule key:node-role.kubernetes.io/control-plane]]\n"), "\(r.stdout)")
    // jsonpath keeps printing JSON.
    #expect(r.stdout.hasSuffix(#"{"app":"web","tier":"front"}"#), "\(r.stdout)")
  }

  /// `kubectl exec POD` without a command (exec.go's Validate).
  @Test func execWithoutACommand() throws {
    let r = try KubelabProcess.run([], stdin: "kubectl exec web\nkubectl exec web --\nkubectl exec web ls\n")
    #expect(r.status == 1)
    #expect(
      r.stderr
        == """
        error: you must specify at least one command for the container
        error: you must specify at least one command for the container
        error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead
        See 'kubectl exec -h' for help and examples

        """)
  }

  /// `kubectl exec -it POD -- sh` cannot open a shell here: KubeLab says so rather than return
  /// silently; one command, with or without -it, still runs.
  @Test func anInteractiveShellIsRefusedWithAHint() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl run web --image=nginx
        run 10s
        kubectl exec -it web -- /bin/bash
        kubectl exec -ti web -- sh -c 'echo hi'
        kubectl exec -it web -- hostname
        """)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == "error: KubeLab cannot attach a terminal to a simulated container (-i, -t): run one command at a time instead, e.g. kubectl exec web -- ls /, or kubectl exec web -- /bin/bash -c 'COMMAND'\n"
    )
    #expect(r.stdout.hasSuffix("hi\nweb\n"), "\(r.stdout)")
  }

  /// TYPE/NAME arguments mixed with a bare type, and a name with two slashes (cli-runtime's builder).
  @Test func resourceSlashNameArgumentErrors() throws {
    let r = try KubelabProcess.run(
      [], stdin: "kubectl get deploy/web rs\nkubectl get rs deploy/web\nkubectl get deploy/web/x\n")
    #expect(r.status == 1)
    let mixed =
      "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"
    #expect(
      r.stderr == mixed + mixed + "error: arguments in resource/name form may not have more than one slash\n")
  }

  /// `--all` together with a selector.
  @Test func allWithASelectorIsRefused() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl run web --image=nginx --labels=app=web
        kubectl delete pods --all -l app=web
        kubectl label pods --all -l app=web tier=front
        kubectl annotate pods --all --field-selector metadata.name=web note=x
        kubectl get pod web --show-labels --no-headers
        """)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == """
        error: setting 'all' parameter but found a non empty selector. 
        error: cannot set --all and --selector at the same time
        error: cannot set --all and --field-selector at the same time

        """)
    #expect(r.stdout.contains("app=web\n"), "nothing was deleted or labeled: \(r.stdout)")
  }

  /// Setting and removing the same key: label.go and annotate.go each have their wording.
  @Test func modifyAndRemoveTheSameKey() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl run web --image=nginx
        kubectl label pod web a=1 a-
        kubectl annotate pod web a=1 a- b=2 b-
        kubectl label pod web a=1 a=2
        kubectl get pod web -o jsonpath={.metadata.labels.a}
        """)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == """
        error: can not both modify and remove a label in the same command
        error: can not both modify and remove the following annotation(s) in the same command: a, b

        """)
    // The same key twice: the last value wins.
    #expect(r.stdout.hasSuffix("pod/web labeled\n2"), "\(r.stdout)")
  }

  @Test func runWithAnInvalidRestartPolicyPointsToHelp() throws {
    let r = try KubelabProcess.run([], stdin: "kubectl run web --image=nginx --restart=Sometimes\n")
    #expect(r.status == 1)
    #expect(r.stderr == "error: invalid restart policy: Sometimes\nSee 'kubectl run -h' for help and examples\n")
  }

  /// `kubectl events`: no `-o wide`, `--for` in TYPE/NAME form, `--types` Normal or Warning in any case.
  @Test func eventsValidatesItsFlags() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl events -o wide
        kubectl events --for web
        kubectl events --types=Info
        kubectl events -A --types=normal --for node/node-1 -o name
        """)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == """
        error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml
        error: --for must be in resource/name form
        error: valid --types are Normal or Warning

        """)
    #expect(r.stdout.contains("event/node-1."), "\(r.stdout)")
  }

  /// Commands without a table list their formats as cli-runtime does: comma-separated, no spaces.
  @Test func createListsItsOutputFormats() throws {
    let r = try KubelabProcess.run(
      [], stdin: "kubectl create deployment web --image=nginx -o wide\nkubectl create ns dev -o custom-columns=A:.a\n")
    #expect(r.status == 1)
    let allowed =
      "allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n"
    #expect(
      r.stderr
        == "error: unable to match a printer suitable for the output format \"wide\", " + allowed
        + "error: unable to match a printer suitable for the output format \"custom-columns=A:.a\", " + allowed)
  }

  /// `kubectl delete -f` names the file in an API error (cmdutil.AddSourceToErr).
  @Test func deleteFromAFileNamesTheFileInErrors() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl delete -f - <<EOF
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: gone
        ---
        apiVersion: v1
        kind: Namespace
        metadata:
          name: kube-public
        EOF
        kubectl delete -f - --ignore-not-found <<EOF
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: gone
        EOF
        """)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == """
        Error from server (NotFound): error when deleting "STDIN": configmaps "gone" not found
        Error from server (Forbidden): error when deleting "STDIN": namespaces "kube-public" is forbidden: this namespace may not be deleted

        """)
    #expect(r.stdout.isEmpty, "\(r.stdout)")
  }

  /// A list the apiserver refuses names what kubectl listed and with which selectors
  /// (cli-runtime's EnhanceListError), label selectors included.
  @Test func aRefusedListNamesItsSelectors() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl get pods -l 'tier in (web'
        kubectl get svc -l app=web --field-selector spec.type=NodePort
        """)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == """
        Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "tier in (web", field selector "": unable to parse requirement: found '', expected: ',' or ')'
        Error from server (BadRequest): Unable to find "/v1, Resource=services" that match label selector "app=web", field selector "spec.type=NodePort": field label not supported: spec.type

        """)
  }

  /// Labels are checked on a pod's update as on any object's (ValidateObjectMetaAccessorUpdate),
  /// and kubectl label checks a value before sending it (label.go's parseLabels).
  @Test func invalidLabelsAreRefused() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl run web --image=nginx
        kubectl label pod web 'bad key=1'
        kubectl label pod web tier=front@x
        kubectl label pod web a=b=c
        kubectl get pod web --show-labels --no-headers
        """)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == """
        The Pod "web" is invalid: metadata.labels: Invalid value: "bad key": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')
        error: invalid label value: "tier=front@x": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')
        error: invalid label spec: a=b=c

        """)
    #expect(r.stdout.hasSuffix("run=web\n"), "\(r.stdout)")
  }

  /// `kubectl top pod` before metrics-server has the pod's metrics, and top's flag checks.
  @Test func topBeforeThereAreMetrics() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl run web --image=nginx
        kubectl top pod web
        kubectl top pod nosuch
        kubectl top pods
        kubectl top pods --sort-by=name
        kubectl top pod web -l run=web
        kubectl top node node-1 -l x=y
        """)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == """
        Error from server (NotFound): podmetrics.metrics.k8s.io "default/web" not found
        Error from server (NotFound): pods "nosuch" not found
        error: metrics not available yet
        error: --sort-by accepts only cpu or memory
        error: only one of NAME or selector can be provided
        error: only one of NAME or --selector can be provided

        """)
  }

  /// `--record` is deprecated but still works in v1.32: it writes the command line into
  /// `kubernetes.io/change-cause`, which `kubectl rollout history` shows per revision.
  @Test func recordFillsTheChangeCauseOfRolloutHistory() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl create -f examples/k8s.io/controllers/nginx-deployment.yaml --record
        run 20s
        kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1 --record
        run 30s
        kubectl rollout history deployment/nginx-deployment
        kubectl scale deploy nginx-deployment --replicas=2 --record
        kubectl get deploy nginx-deployment -o jsonpath='{.metadata.annotations.kubernetes\\.io/change-cause}'
        """)
    #expect(r.status == 0, "\(r.stderr)")
    #expect(
      r.stderr
        == String(repeating: "Flag --record has been deprecated, --record will be removed in the future\n", count: 3))
    #expect(
      r.stdout.contains(
        """
        REVISION  CHANGE-CAUSE
        1         kubectl create --filename=examples/k8s.io/controllers/nginx-deployment.yaml --record=true
        2         kubectl set image deployment/nginx-deployment nginx=nginx:1.16.1 --record=true

        """), "\(r.stdout)")
    #expect(r.stdout.hasSuffix("kubectl scale deploy nginx-deployment --replicas=2 --record=true"), "\(r.stdout)")
  }

  /// `logs`/`exec` on a workload or service pick one of its pods as polymorphichelpers does: logs
  /// the pod best for logging (running and ready before pending) and say so; exec silently.
  @Test func logsAndExecPickARunningPodOfAWorkload() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl create deployment web --image=nginx --replicas=2
        kubectl run a-stuck --image=nginx:nope --labels=app=web
        run 20s
        kubectl exec deploy/web -- hostname
        kubectl logs deploy/web --tail=1
        kubectl logs svc/kubernetes
        kubectl exec svc/kubernetes -- ls
        kubectl logs cm/kube-root-ca.crt
        """)
    #expect(r.status == 1)
    let lines = r.stdout.split(separator: "\n")
    let host = try #require(lines.first { $0.hasPrefix("web-") }, "\(r.stdout)")
    #expect(
      r.stderr
        == """
        Found 3 pods, using pod/\(host)
        error: cannot get the logs from *v1.Service: invalid service 'kubernetes': Service is defined without a selector
        error: cannot attach to *v1.Service: invalid service 'kubernetes': Service is defined without a selector
        error: cannot get the logs from *v1.ConfigMap: selector for *v1.ConfigMap not implemented

        """)
  }

  /// Creating in a namespace being deleted is refused with the new object's name
  /// (NamespaceLifecycle's NewForbidden; a create request names no object in its path).
  @Test func createInATerminatingNamespaceNamesTheObject() throws {
    let r = try KubelabProcess.run(
      [],
      stdin: """
        kubectl create ns dev
        run 3s
        kubectl delete ns dev
        kubectl run web --image=nginx -n dev
        kubectl create configmap cfg -n dev
        """)
    #expect(r.status == 1)
    #expect(
      r.stderr
        == """
        Error from server (Forbidden): pods "web" is forbidden: unable to create new content in namespace dev because it is being terminated
        error: failed to create configmap: configmaps "cfg" is forbidden: unable to create new content in namespace dev because it is being terminated

        """)
  }

  /// `kubectl delete` prints only names (delete.go's Validate), and refuses before deleting.
  @Test func deleteTakesOnlyOutputName() throws {
    let r = try KubelabProcess.run(
      [], stdin: "kubectl run web --image=nginx\nkubectl delete pod web -o yaml\nkubectl get pods -o name\n")
    #expect(r.status == 1)
    #expect(r.stderr == "error: unexpected -o output mode: yaml. We only support '-o name'\n")
    #expect(r.stdout.hasSuffix("pod/web\n"), "\(r.stdout)")
  }
}
