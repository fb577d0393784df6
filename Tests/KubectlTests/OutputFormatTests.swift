// `-o yaml|json|name|jsonpath|custom-columns`: one object alone, several in a `List`.
import KubeSim
import Testing

@testable import Kubectl

@Suite struct OutputFormatTests {
  @Test func yamlOfOneObjectAndOfAList() {
    let lab = Lab()
    lab.run("create configmap cfg --from-literal=a=b")
    expectText(
      lab.run("get cm cfg -o yaml").stdout,
      """
      apiVersion: v1
      data:
        a: b
      kind: ConfigMap
      metadata:
        creationTimestamp: "2026-01-01T00:00:00Z"
        name: cfg
        namespace: default
        resourceVersion: "44"
        uid: 1be006e2-728d-4d0f-a73c-118304e7520c

      """)
    expectText(
      lab.run("get cm -l x!=y -o yaml --field-selector metadata.name=cfg").stdout,
      """
      apiVersion: v1
      items:
      - apiVersion: v1
        data:
          a: b
        kind: ConfigMap
        metadata:
          creationTimestamp: "2026-01-01T00:00:00Z"
          name: cfg
          namespace: default
          resourceVersion: "44"
          uid: 1be006e2-728d-4d0f-a73c-118304e7520c
      kind: List
      metadata:
        resourceVersion: ""

      """)
  }

  @Test func jsonIsIndentedByFourSpaces() {
    let lab = Lab()
    lab.run("create ns dev")
    expectText(
      lab.run("get ns dev -o json").stdout,
      """
      {
          "apiVersion": "v1",
          "kind": "Namespace",
          "metadata": {
              "creationTimestamp": "2026-01-01T00:00:00Z",
              "labels": {
                  "kubernetes.io/metadata.name": "dev"
              },
              "name": "dev",
              "resourceVersion": "44",
              "uid": "1be006e2-728d-4d0f-a73c-118304e7520c"
          },
          "spec": {
              "finalizers": [
                  "kubernetes"
              ]
          },
          "status": {
              "phase": "Active"
          }
      }

      """)
  }

  @Test func namesJSONPathAndCustomColumns() {
    let lab = Scene.podZoo()
    #expect(lab.run("get pods -o name -l app=web").stdout == "pod/crash\npod/creating\npod/done\npod/term\npod/web-1\n")
    #expect(lab.run("get deploy,svc -o name").stdout == "service/kubernetes\n")
    #expect(lab.run("get pods -o jsonpath={.items[*].metadata.name}").stdout == "crash creating done init term web-1")
    #expect(
      lab.run(#"get pods -o jsonpath='{range .items[*]}{.metadata.name}{"\t"}{.status.phase}{"\n"}{end}' -l app=web"#)
        .stdout == "crash\tRunning\ncreating\tRunning\ndone\tRunning\nterm\tRunning\nweb-1\tRunning\n")
    #expect(
      lab.run(#"get pod web-1 -o jsonpath='{.status.conditions[?(@.type=="Ready")].status}'"#).stdout == "True")
    #expect(lab.run("get pod web-1 -o jsonpath={.status.podIP}").stdout == "10.244.1.5")
    #expect(
      lab.run("get pod web-1 -o jsonpath={.spec.containers[0].ports}").stdout
        == #"[{"containerPort":80,"protocol":"TCP"}]"#)
    #expect(
      lab.run(#"get nodes -o jsonpath='{.items[*].status.addresses[?(@.type=="InternalIP")].address}'"#).stdout
        == "192.168.56.10 192.168.56.11 192.168.56.12")
    #expect(lab.run(#"get node node-1 -o jsonpath='{.metadata.labels.kubernetes\.io/hostname}'"#).stdout == "node-1")
    expectText(
      lab.run("get pods -o custom-columns=NAME:.metadata.name,NODE:.spec.nodeName,IP:.status.podIP").stdout,
      """
      NAME       NODE     IP
      crash      node-1   10.244.1.6
      creating   node-1   <none>
      done       node-1   10.244.1.7
      init       <none>   <none>
      term       node-1   10.244.1.8
      web-1      node-1   10.244.1.5

      """)
    let bad = lab.run("get pods -o jsonpath={.items[")
    #expect(bad.exitCode == 1)
    #expect(bad.stderr.hasPrefix("error: error parsing jsonpath {.items[, "))
  }

  @Test func sortBy() {
    let lab = Scene.podZoo()
    #expect(
      lab.run("get pods --sort-by=.status.podIP -o name").stdout
        == "pod/creating\npod/init\npod/web-1\npod/crash\npod/done\npod/term\n")
  }

  /// `kubectl get events` does not sort (get.go sorts only for --sort-by): events come in the
  /// apiserver's order, by name. `kubectl events` and `describe` sort by time.
  @Test func eventsInTheApiserversOrderInKubectlsEventTable() {
    let lab = Lab()
    func event(_ name: String, _ reason: String, _ message: String, at: Time, count: Int32 = 1, type: String = "Normal")
    {
      var e = Event(
        metadata: ObjectMeta(name: name, namespace: "default"),
        involvedObject: ObjectReference(kind: "Pod", namespace: "default", name: "web"), reason: reason,
        message: message, source: EventSource(component: "kubelet", host: "node-1"), type: type)
      e.firstTimestamp = at.adding(seconds: count > 1 ? -120 : 0)
      e.lastTimestamp = at
      e.count = count
      lab.create(e)
    }
    let t = lab.now
    event("a", "Pulled", "Container image \"nginx:1.14.2\" already present on machine", at: t.adding(seconds: 20))
    event("b", "Scheduled", "Successfully assigned default/web to node-1", at: t)
    event("c", "BackOff", "Back-off restarting failed container", at: t.adding(seconds: 30), count: 4, type: "Warning")
    lab.wait(seconds: 60)
    expectText(
      lab.run("get events").stdout,
      """
      LAST SEEN             TYPE      REASON      OBJECT    MESSAGE
      40s                   Normal    Pulled      pod/web   Container image "nginx:1.14.2" already present on machine
      60s                   Normal    Scheduled   pod/web   Successfully assigned default/web to node-1
      30s (x4 over 2m30s)   Warning   BackOff     pod/web   Back-off restarting failed container

      """)
    expectText(
      lab.run("get events --sort-by=.lastTimestamp").stdout,
      """
      LAST SEEN             TYPE      REASON      OBJECT    MESSAGE
      60s                   Normal    Scheduled   pod/web   Successfully assigned default/web to node-1
      40s                   Normal    Pulled      pod/web   Container image "nginx:1.14.2" already present on machine
      30s (x4 over 2m30s)   Warning   BackOff     pod/web   Back-off restarting failed container

      """)
    expectText(
      lab.run("events").stdout,
      """
      LAST SEEN             TYPE      REASON      OBJECT    MESSAGE
      60s                   Normal    Scheduled   pod/web   Successfully assigned default/web to node-1
      40s                   Normal    Pulled      pod/web   Container image "nginx:1.14.2" already present on machine
      30s (x4 over 2m30s)   Warning   BackOff     pod/web   Back-off restarting failed container

      """)
  }
}
