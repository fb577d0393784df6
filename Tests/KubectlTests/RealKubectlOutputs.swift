// RealKubectlOutputs: what the real kubectl v1.32 printed (stdout and stderr together) for commands it
// runs without a server (client-side dry runs and argument errors), captured on this machine.
// swift-format-ignore-file

enum RealKubectlOutputs {
  static let cases: [(command: String, output: String, exitCode: Int32)] = [
    (
      "create deployment nginx --image=nginx --replicas=3 --port=80 --dry-run=client -o yaml",
      #"""
apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: nginx
  name: nginx
spec:
  replicas: 3
  selector:
    matchLabels:
      app: nginx
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: nginx
    spec:
      containers:
      - image: nginx
        name: nginx
        ports:
        - containerPort: 80
        resources: {}
status: {}
"""# + "\n", 0),
    (
      "create deployment web --image=nginx --dry-run=client -o yaml",
      #"""
apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
"""# + "\n", 0),
    (
      "create namespace dev --dry-run=client -o yaml",
      #"""
apiVersion: v1
kind: Namespace
metadata:
  creationTimestamp: null
  name: dev
spec: {}
status: {}
"""# + "\n", 0),
    (
      "create service clusterip web --tcp=80:8080 --dry-run=client -o yaml",
      #"""
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - name: 80-8080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  type: ClusterIP
status:
  loadBalancer: {}
"""# + "\n", 0),
    (
      "create service nodeport web --tcp=80:8080 --node-port=30080 --dry-run=client -o yaml",
      #"""
apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
spec:
  ports:
  - name: 80-8080
    nodePort: 30080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: web
  type: NodePort
status:
  loadBalancer: {}
"""# + "\n", 0),
    (
      "create configmap cfg --from-literal=a=b --from-literal=c=d --dry-run=client -o yaml",
      #"""
apiVersion: v1
data:
  a: b
  c: d
kind: ConfigMap
metadata:
  creationTimestamp: null
  name: cfg
"""# + "\n", 0),
    (
      "create secret generic s --from-literal=pw=secret --dry-run=client -o yaml",
      #"""
apiVersion: v1
data:
  pw: c2VjcmV0
kind: Secret
metadata:
  creationTimestamp: null
  name: s
"""# + "\n", 0),
    (
      "create serviceaccount sa1 --dry-run=client -o yaml",
      #"""
apiVersion: v1
kind: ServiceAccount
metadata:
  creationTimestamp: null
  name: sa1
"""# + "\n", 0),
    (
      "create rolebinding rb --role=r --user=alice --serviceaccount=default:sa1 --group=g --dry-run=client -o yaml",
      #"""
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  creationTimestamp: null
  name: rb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: r
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: alice
- apiGroup: rbac.authorization.k8s.io
  kind: Group
  name: g
- kind: ServiceAccount
  name: sa1
  namespace: default
"""# + "\n", 0),
    (
      "create clusterrolebinding crb --clusterrole=cr --user=bob --dry-run=client -o yaml",
      #"""
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  creationTimestamp: null
  name: crb
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cr
subjects:
- apiGroup: rbac.authorization.k8s.io
  kind: User
  name: bob
"""# + "\n", 0),
    (
      "create job j --image=busybox --dry-run=client -o yaml -- echo hi",
      #"""
apiVersion: batch/v1
kind: Job
metadata:
  creationTimestamp: null
  name: j
spec:
  template:
    metadata:
      creationTimestamp: null
    spec:
      containers:
      - command:
        - echo
        - hi
        image: busybox
        name: j
        resources: {}
      restartPolicy: Never
status: {}
"""# + "\n", 0),
    (
      "create deployment web --image=nginx --dry-run=client",
      #"""
deployment.apps/web created (dry run)
"""# + "\n", 0),
    (
      "create deployment web --image=nginx --dry-run=client -o name",
      #"""
deployment.apps/web
"""# + "\n", 0),
    (
      "create deployment web --image=nginx -n dev --dry-run=client -o yaml",
      #"""
apiVersion: apps/v1
kind: Deployment
metadata:
  creationTimestamp: null
  labels:
    app: web
  name: web
  namespace: dev
spec:
  replicas: 1
  selector:
    matchLabels:
      app: web
  strategy: {}
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx
        name: nginx
        resources: {}
status: {}
"""# + "\n", 0),
    (
      "create deployment a b --image=x",
      #"""
error: exactly one NAME is required, got 2
See 'kubectl create deployment -h' for help and examples
"""# + "\n", 1),
    (
      "create namespace",
      #"""
error: exactly one NAME is required, got 0
See 'kubectl create namespace -h' for help and examples
"""# + "\n", 1),
    (
      "create deployment x --image=nginx --dry-run=foo",
      #"""
error: Invalid dry-run value (foo). Must be "none", "server", or "client".
"""# + "\n", 1),
    (
      "xyzzy",
      #"""
Error: unknown command "xyzzy" for "kubectl"
"""# + "\n", 1),
    (
      "gte pods",
      #"""
Error: unknown command "gte" for "kubectl"

Did you mean this?
	get
"""# + "\n\n", 1),
    (
      "get pods -n",
      #"""
Error: flag needs an argument: 'n' in -n
See 'kubectl get --help' for usage.
"""# + "\n", 1),
    (
      "get pods --replicas",
      #"""
Error: unknown flag: --replicas
See 'kubectl get --help' for usage.
"""# + "\n", 1),
    (
      "scale --replicas=abc deploy/x",
      #"""
Error: invalid argument "abc" for "--replicas" flag: strconv.ParseInt: parsing "abc": invalid syntax
See 'kubectl scale --help' for usage.
"""# + "\n", 1),
    (
      "get pods -x",
      #"""
Error: unknown shorthand flag: 'x' in -x
See 'kubectl get --help' for usage.
"""# + "\n", 1),
    (
      "delete",
      #"""
error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
"""# + "\n", 1),
    (
      "create",
      #"""
error: must specify one of -f and -k
"""# + "\n", 1),
    (
      "label",
      #"""
error: one or more resources must be specified as <resource> <name> or <resource>/<name>
"""# + "\n", 1),
    (
      "logs",
      #"""
error: expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.
POD or TYPE/NAME is a required argument for the logs command
See 'kubectl logs -h' for help and examples
"""# + "\n", 1),
    (
      "exec",
      #"""
error: pod, type/name or --filename must be specified
"""# + "\n", 1),
    (
      "describe",
      #"""
error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.
"""# + "\n", 1),
    (
      "apply",
      #"""
error: must specify one of -f and -k
"""# + "\n", 1),
    (
      "expose",
      #"""
error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
"""# + "\n", 1),
    (
      "cordon",
      #"""
error: USAGE: cordon NODE [flags]
See 'kubectl cordon -h' for help and examples
"""# + "\n", 1),
    (
      "auth can-i",
      #"""
error: you must specify two arguments: verb resource or verb resource/resourceName.
See 'kubectl auth can-i -h' for help and examples.
"""# + "\n", 1),
    (
      "taint",
      #"""
error: one or more resources must be specified as <resource> <name>
"""# + "\n", 1),
    (
      "rollout foo",
      #"""
error: unknown command "foo"
See 'kubectl rollout -h' for help and examples
"""# + "\n", 1),
    (
      "create foo",
      #"""
error: Unexpected args: [foo]
See 'kubectl create -h' for help and examples
"""# + "\n", 1),
    (
      "get",
      #"""
You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples
"""# + "\n", 1),
    (
      "set image",
      #"""
error: You must provide one or more resources by argument or filename.
Example resource specifications include:
   '-f rsrc.yaml'
   '--filename=rsrc.json'
   '<resource> <name>'
   '<resource>'
"""# + "\n", 1),
    (
      "create deployment a b --image=x",
      #"""
error: exactly one NAME is required, got 2
See 'kubectl create deployment -h' for help and examples
"""# + "\n", 1),
    (
      "create namespace",
      #"""
error: exactly one NAME is required, got 0
See 'kubectl create namespace -h' for help and examples
"""# + "\n", 1),
    (
      "create secret generic",
      #"""
error: exactly one NAME is required, got 0
See 'kubectl create secret generic -h' for help and examples
"""# + "\n", 1),
    (
      "create rolebinding rb --user=alice",
      #"""
error: exactly one of clusterrole or role must be specified
"""# + "\n", 1),
    (
      "create service clusterip web",
      #"""
error: at least one tcp port specifier must be provided
"""# + "\n", 1),
    (
      "get pods --all-namespaces=maybe",
      #"""
Error: invalid argument "maybe" for "-A, --all-namespaces" flag: strconv.ParseBool: parsing "maybe": invalid syntax
See 'kubectl get --help' for usage.
"""# + "\n", 1),
  ]
}
