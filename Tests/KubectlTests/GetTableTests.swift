// Tables of `kubectl get`: printers.go's columns and cells, tabwriter alignment, AGE, -o wide.
import KubeSim
import Testing

@testable import Kubectl

@Suite struct GetTableTests {
  @Test func podsShowEveryStatusPrintPodComputes() {
    let lab = Scene.podZoo()
    let r = lab.run("get pods")
    #expect(r.exitCode == 0)
    #expect(r.stderr == "")
    expectText(
      r.stdout,
      """
      NAME       READY   STATUS              RESTARTS      AGE
      crash      0/1     CrashLoopBackOff    3 (25s ago)   5s
      creating   0/1     ContainerCreating   0             5s
      done       0/1     Completed           0             5s
      init       0/1     Init:0/1            0             5s
      term       1/1     Terminating         0             5s
      web-1      1/1     Running             0             35s

      """)
  }

  @Test func podsWide() {
    let lab = Scene.podZoo()
    expectText(
      lab.run("get pods -o wide").stdout,
      """
      NAME       READY   STATUS              RESTARTS      AGE   IP           NODE     NOMINATED NODE   READINESS GATES
      crash      0/1     CrashLoopBackOff    3 (25s ago)   5s    10.244.1.6   node-1   <none>           <none>
      creating   0/1     ContainerCreating   0             5s    <none>       node-1   <none>           <none>
      done       0/1     Completed           0             5s    10.244.1.7   node-1   <none>           <none>
      init       0/1     Init:0/1            0             5s    <none>       <none>   <none>           <none>
      term       1/1     Terminating         0             5s    10.244.1.8   node-1   <none>           <none>
      web-1      1/1     Running             0             35s   10.244.1.5   node-1   <none>           <none>

      """)
  }

  @Test func nodesWithRolesNotReadyAndCordoned() {
    let lab = Scene.podZoo()
    expectText(
      lab.run("get nodes").stdout,
      """
      NAME            STATUS                        ROLES           AGE   VERSION
      control-plane   Ready                         control-plane   35s   v1.32.0
      node-1          Ready                         <none>          35s   v1.32.0
      node-2          NotReady,SchedulingDisabled   <none>          35s   v1.32.0

      """)
    expectText(
      lab.run("get no node-1 -o wide").stdout,
      """
      NAME     STATUS   ROLES    AGE   VERSION   INTERNAL-IP     EXTERNAL-IP   OS-IMAGE                         KERNEL-VERSION   CONTAINER-RUNTIME
      node-1   Ready    <none>   35s   v1.32.0   192.168.56.11   <none>        Debian GNU/Linux 12 (bookworm)   6.1.0-18-amd64   containerd://1.7.24

      """)
  }

  @Test func severalTypesPrintKindSlashNameAndABlankLineBetweenTables() {
    let lab = Scene.podZoo()
    expectText(
      lab.run("get po/web-1 no/node-1").stdout,
      """
      NAME        READY   STATUS    RESTARTS   AGE
      pod/web-1   1/1     Running   0          35s

      NAME          STATUS   ROLES    AGE   VERSION
      node/node-1   Ready    <none>   35s   v1.32.0

      """)
  }

  @Test func deploymentsAndReplicaSets() {
    let (lab, _) = Scene.rolledOut()
    expectText(
      lab.run("get deploy").stdout,
      """
      NAME               READY   UP-TO-DATE   AVAILABLE   AGE
      nginx-deployment   3/3     3            3           20s

      """)
    expectText(
      lab.run("get deployments.apps -o wide").stdout,
      """
      NAME               READY   UP-TO-DATE   AVAILABLE   AGE   CONTAINERS   IMAGES         SELECTOR
      nginx-deployment   3/3     3            3           20s   nginx        nginx:1.16.1   app=nginx

      """)
    expectText(
      lab.run("get rs").stdout,
      """
      NAME                          DESIRED   CURRENT   READY   AGE
      nginx-deployment-559d658b74   3         3         3       5s
      nginx-deployment-66b6c48dd5   0         0         0       10s

      """)
    expectText(
      lab.run("get rs -o wide").stdout,
      """
      NAME                          DESIRED   CURRENT   READY   AGE   CONTAINERS   IMAGES         SELECTOR
      nginx-deployment-559d658b74   3         3         3       5s    nginx        nginx:1.16.1   app=nginx,pod-template-hash=559d658b74
      nginx-deployment-66b6c48dd5   0         0         0       10s   nginx        nginx:1.14.2   app=nginx,pod-template-hash=66b6c48dd5

      """)
  }

  @Test func servicesOfEveryType() {
    let lab = Lab()
    lab.run("create service nodeport web --tcp=80:8080 --node-port=30080")
    lab.run("create service loadbalancer lb --tcp=443")
    lab.wait(seconds: 3)
    expectText(
      lab.run("get svc").stdout,
      """
      NAME         TYPE           CLUSTER-IP      EXTERNAL-IP   PORT(S)         AGE
      kubernetes   ClusterIP      10.96.0.1       <none>        443/TCP         3s
      lb           LoadBalancer   10.109.77.251   <pending>     443:32734/TCP   3s
      web          NodePort       10.101.3.101    <none>        80:30080/TCP    3s

      """)
    expectText(
      lab.run("get svc web -o wide").stdout,
      """
      NAME   TYPE       CLUSTER-IP     EXTERNAL-IP   PORT(S)        AGE   SELECTOR
      web    NodePort   10.101.3.101   <none>        80:30080/TCP   3s    app=web

      """)
  }

  @Test func endpointsShowThreeAddressesThenHowManyMore() {
    let lab = Lab()
    var ep = Endpoints(metadata: ObjectMeta(name: "web", namespace: "default"))
    ep.subsets = [
      EndpointSubset(
        addresses: ["10.244.1.5", "10.244.1.6", "10.244.2.4", "10.244.2.9"].map { EndpointAddress(ip: $0) },
        ports: [EndpointPort(port: 80, protocol: "TCP")])
    ]
    lab.create(ep)
    lab.create(Endpoints(metadata: ObjectMeta(name: "empty", namespace: "default")))
    lab.wait(seconds: 2)
    let r = lab.run("get ep")
    expectText(
      r.stdout,
      """
      NAME    ENDPOINTS                                               AGE
      empty   <none>                                                  2s
      web     10.244.1.5:80,10.244.1.6:80,10.244.2.4:80 + 1 more...   2s

      """)
    // kubeadm's `kubernetes` endpoints are written by the apiserver upstream; here there are none.
    #expect(!r.stdout.contains("kubernetes "))
  }

  @Test func allNamespacesAddsANamespaceColumnAndShowLabelsALabelsColumn() {
    let lab = Scene.podZoo()
    expectText(
      lab.run("get pods -A -l app=web --field-selector=status.podIP=10.244.1.5 --show-labels").stdout,
      """
      NAMESPACE   NAME    READY   STATUS    RESTARTS   AGE   LABELS
      default     web-1   1/1     Running   0          35s   app=web

      """)
    expectText(
      lab.run("get ns").stdout,
      """
      NAME              STATUS   AGE
      default           Active   35s
      kube-node-lease   Active   35s
      kube-public       Active   35s
      kube-system       Active   35s

      """)
  }

  @Test func emptyListsSayNoResourcesFoundOnStderr() {
    let lab = Lab()
    let r = lab.run("get pods")
    #expect(r.stdout == "")
    #expect(r.stderr == "No resources found in default namespace.\n")
    #expect(r.exitCode == 0)
    #expect(lab.run("get deploy -n kube-public").stderr == "No resources found in kube-public namespace.\n")
    #expect(lab.run("get pods -A").stderr == "No resources found\n")
    #expect(lab.run("get nodes").stderr == "No resources found\n")
  }

  @Test func rolesShowCreatedAtAndBindingsTheirRole() {
    let lab = Lab()
    lab.run("create role pod-reader --verb=get,list --resource=pods")
    lab.run("create rolebinding read-pods --role=pod-reader --user=jane --serviceaccount=default:robot")
    expectText(
      lab.run("get roles").stdout,
      """
      NAME         CREATED AT
      pod-reader   2026-01-01T00:00:00Z

      """)
    expectText(
      lab.run("get rolebinding -o wide").stdout,
      """
      NAME        ROLE              AGE   USERS   GROUPS   SERVICEACCOUNTS
      read-pods   Role/pod-reader   0s    jane             default/robot

      """)
  }

  @Test(arguments: [
    (0, "0s"), (5, "5s"), (119, "119s"), (120, "2m"), (200, "3m20s"), (600, "10m"), (10799, "179m"), (10800, "3h"),
    (19800, "5h30m"), (28800, "8h"), (172_800, "2d"), (273_600, "3d4h"), (691_200, "8d"), (17_280_000, "200d"),
    (63_072_000, "2y"), (63_936_000, "2y10d"), (315_360_000, "10y"), (-1, "0s"), (-2, "<invalid>"),
  ])
  func humanDuration(seconds: Int64, text: String) {
    #expect(HumanDuration.format(seconds: seconds) == text)
  }
}
