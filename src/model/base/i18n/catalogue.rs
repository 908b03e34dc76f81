//! The catalogue: every text of podlab's own, in English and in Traditional
//! Chinese as written in Taiwan, one row per [`Key`]. Kubernetes' nouns stay
//! in English inside Chinese sentences (Pod, container, ConfigMap, volume,
//! sidecar, ambassador, adapter), as the seed course writes them
//! ("將多個 container 放置在同一個 Pod 內"), with a space between Chinese and
//! Latin words and full-width punctuation in Chinese text.
//!
//! To add a text: add a row `Name => ["English", "中文"],` in its group
//! below, and use `Key::Name.text(lang)` (or `Key::Name.msg().arg("x", v)`
//! for a text with `{x}` in it). Both texts are required by the macro; an
//! empty one or a placeholder named in one language only fails
//! `i18n::tests::every_key_has_both_texts`.

macro_rules! catalogue {
    ($( $(#[$meta:meta])* $key:ident => [$en:literal, $zh:literal], )*) => {
        /// A text of podlab's own: see the module's rows for what each says.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Key {
            $( $(#[$meta])* $key, )*
        }

        impl Key {
            /// Every key, in the catalogue's order.
            pub const ALL: &'static [Key] = &[ $( Key::$key, )* ];

            /// The texts: `[English, Traditional Chinese]`.
            pub fn texts(self) -> [&'static str; 2] {
                match self {
                    $( Key::$key => [$en, $zh], )*
                }
            }
        }
    };
}

catalogue! {
    // ── The page ───────────────────────────────────────────────────────
    PageTitle => ["podlab · multi-container pod playground", "podlab · 多 container Pod 練習場"],
    Tagline => [
        "multi-container pods: ambassador, sidecar, adapter and what they share",
        "多 container 的 Pod：ambassador、sidecar、adapter，以及它們共享的東西"
    ],
    /// The language switch's label.
    Language => ["Language", "語言"],
    FooterPrivacy => [
        "podlab models pods, kubectl and HAProxy in your browser; nothing is sent anywhere. ",
        "podlab 在你的瀏覽器裡模擬 Pod、kubectl 與 HAProxy，不會把任何資料傳送到別處。"
    ],
    FooterMarkedBefore => ["Messages marked ", "標示為 "],
    FooterMarkedAfter => [
        " are podlab's own hints, not a real program's.",
        " 的訊息是 podlab 自己的提示，不是真實程式的輸出。"
    ],
    /// A list's separator between items.
    ListSep => [", ", "、"],

    // ── The clock ──────────────────────────────────────────────────────
    ClockTitle => [
        "Simulated time since kubectl apply of every tab, in order",
        "依序對每個分頁執行 kubectl apply 之後經過的模擬時間"
    ],
    ClockAfterApply => [" after apply", "（自 apply 起算）"],
    Pause => ["❚❚ pause", "❚❚ 暫停"],
    Play => ["▶ play", "▶ 播放"],
    SkipSeconds => ["+{n} s", "+{n} 秒"],
    SkipMinutes => ["+{n} min", "+{n} 分鐘"],
    /// The clock's reading under two minutes: `{s}` with one decimal.
    ClockSeconds => ["{s} s", "{s} 秒"],
    /// The clock's reading from two minutes: `{s}` two digits.
    ClockMinutes => ["{m} min {s} s", "{m} 分 {s} 秒"],
    ResetTitle => [
        "Replace every tab with this preset's own files (the notice offers an undo)",
        "以這個範例本身的檔案取代每個分頁（通知列會提供復原）"
    ],
    Reset => ["reset preset", "重設範例"],

    // ── The panes ──────────────────────────────────────────────────────
    Manifests => ["Manifests", "Manifest 檔案"],
    AppliedInTabOrder => ["applied in tab order", "依分頁順序套用"],
    KeywordHelpEmpty => [
        "Put the cursor on a keyword for a short explanation.",
        "把游標移到關鍵字上，就會顯示簡短說明。"
    ],
    KeywordNoHelp => [
        "no help text in podlab for this keyword; see HAProxy's configuration manual",
        "podlab 沒有這個關鍵字的說明；請參閱 HAProxy 的設定手冊"
    ],
    CfgSource => [
        "data.{key} of the ConfigMap in {file} · read by {reader}",
        "{file} 中 ConfigMap 的 data.{key} · 由 {reader} 讀取"
    ],
    CfgReaderNone => [
        "HAProxy {version} (no haproxy container mounts it)",
        "HAProxy {version}（沒有 haproxy container 掛載它）"
    ],
    CfgReaderImage => ["{image} (HAProxy {version})", "{image}（HAProxy {version}）"],
    CfgUnparsed => [
        "No ConfigMap with a data key haproxy.cfg parses in these tabs. ",
        "這些分頁中沒有能解析、且 data 含有 haproxy.cfg 鍵的 ConfigMap。"
    ],
    CfgUnparsedFix => [
        "Fix the YAML of the ConfigMap (see its tab's errors), or add the key, to edit haproxy.cfg here.",
        "修正 ConfigMap 的 YAML（請看它分頁中的錯誤），或加上這個鍵，就能在這裡編輯 haproxy.cfg。"
    ],
    CfgNone => [
        "There is no haproxy.cfg in this workspace: the {pattern} preset runs no HAProxy. ",
        "這個工作區沒有 haproxy.cfg：{pattern} 範例不執行 HAProxy。"
    ],
    CfgNoneAdd => [
        "Add a ConfigMap with a data key haproxy.cfg to edit it here.",
        "加入一個 data 含有 haproxy.cfg 鍵的 ConfigMap，就能在這裡編輯它。"
    ],
    NoProblems => ["No problems.", "沒有問題。"],
    GoToLine => ["Go to this line", "跳到這一行"],
    Pods => ["Pods", "Pod"],
    WhyNotReady => ["Why is {pod} not ready?", "{pod} 為什麼還沒就緒？"],
    TryIt => ["Try it", "試試看"],
    Run => ["Run", "執行"],
    RunPlaceholder => [
        "Press “Run” to run this command against the pods.",
        "按下「執行」，對這些 Pod 執行這個指令。"
    ],
    Console => ["Console", "主控台"],
    ConsoleHint => [
        " kubectl and a shell on your machine · Tab completes · ↑↓ history · `help`",
        " 你電腦上的 kubectl 與 shell · Tab 自動完成 · ↑↓ 歷史紀錄 · `help`"
    ],
    ConsoleRunning => ["running… ", "執行中… "],
    ConsoleStopTitle => ["Stop the command (Ctrl-C)", "停止這個指令（Ctrl-C）"],
    ConsoleStop => ["Stop (Ctrl-C)", "停止（Ctrl-C）"],
    ConsoleTypeahead => [
        "typed ahead: runs when the command before it ends",
        "預先輸入：前一個指令結束後才執行"
    ],
    ConsoleInput => ["console command", "主控台指令"],
    ConsolePlaceholder => [
        "kubectl get pods    (help lists what works here)",
        "kubectl get pods    （輸入 help 可列出這裡能用的指令）"
    ],
    ConsoleSkipped => [
        "podlab: {skipped} earlier lines are not shown (the console keeps the last {kept})\n",
        "podlab：前面 {skipped} 行沒有顯示（主控台只保留最後 {kept} 行）\n"
    ],
    Topology => ["Topology", "拓撲圖"],
    TopologyHint => [" drawn from the running model", " 依執行中的模型繪製"],
    TopologyLabel => ["Pods, containers, ports and volumes", "Pod、container、連接埠與 volume"],
    Hop => ["hop {k}/{n}", "第 {k}/{n} 步"],
    Presets => ["Presets", "範例"],
    PresetSource => [
        " Source: {source}. Each preset keeps your edits; Reset restores its own files.",
        " 出處：{source}。每個範例都會保留你的修改；「重設範例」會還原它本身的檔案。"
    ],

    /// Try it ran the clock ahead while the pods started (`{s}`: seconds,
    /// one decimal).
    WaitedForPods => ["waiting for pods… {s} s simulated", "等待 Pod 啟動…已模擬 {s} 秒"],

    // ── A request's hops: the trace's captions (sim/programs, lang/haproxy/
    //    runtime.rs). Addresses, names, status lines stay as the tools write
    //    them: they come in as values.
    HopConnect => ["connect to {addr}", "連線到 {addr}"],
    HopClosedNoReply => ["the connection closed with no reply", "連線關閉，沒有任何回應"],
    HopReceives => ["receives {status}", "收到 {status}"],
    /// What `HopReceives` got when it is not HTTP.
    HopAReply => ["a reply", "一個回應"],
    HopRefused => ["{addr}: Connection refused", "{addr}：連線被拒絕"],
    HopNoHost => ["{addr}: no host has this address", "{addr}：沒有主機使用這個位址"],
    HopNcSends => [
        "nc -l on {addr} sends what its pipeline wrote ({n} bytes) and closes",
        "{addr} 上的 nc -l 送出管線寫入的內容（{n} 位元組）後關閉"
    ],
    HopNginx => [
        "nginx on {addr}: GET {path} → {whence}: {status}",
        "{addr} 上的 nginx：GET {path} → {whence}：{status}"
    ],
    HopNginxVolume => ["{file} (volume {volume})", "{file}（volume {volume}）"],
    HopFruitGets => [
        "legacy-fruit-service on {addr}: {method} {target}",
        "{addr} 上的 legacy-fruit-service：{method} {target}"
    ],
    HopFruitAnswers => [
        "legacy-fruit-service answers {status} ({n} bytes)",
        "legacy-fruit-service 回應 {status}（{n} 位元組）"
    ],
    HopNoFrontend => [
        "backend {name} has no frontend capability: closed",
        "backend {name} 沒有 frontend 功能：連線關閉"
    ],
    HopAccepts => ["{proxy} accepts on {addr}", "{proxy} 在 {addr} 接受連線"],
    HopNoBackendClosed => ["no backend: connection closed", "沒有 backend：連線關閉"],
    HopInvalidRequest => ["invalid HTTP request: 400", "無效的 HTTP 請求：400"],
    HopDeny => [
        "http-request deny (line {line}): {status}",
        "http-request deny（第 {line} 行）：{status}"
    ],
    HopReturn => [
        "http-request return (line {line}): {status}",
        "http-request return（第 {line} 行）：{status}"
    ],
    HopRedirect => [
        "redirect {kind} (line {line}): {code} {location}",
        "redirect {kind}（第 {line} 行）：{code} {location}"
    ],
    HopUseBackend => [
        "use_backend {backend} (line {line})",
        "依 use_backend 改用 {backend}（第 {line} 行）"
    ],
    HopDefaultBackend => ["default_backend {backend}", "依 default_backend 改用 {backend}"],
    HopNoBackendMatched => ["no backend matched: 503", "沒有符合的 backend：503"],
    HopNotHttp => ["the server's answer is not HTTP: 502", "server 的回應不是 HTTP：502"],
    HopNoServer => ["backend {name}: no server available", "backend {name}：沒有可用的 server"],
    HopCannotResolve => [
        "server {backend} {server}: cannot resolve {host}",
        "server {backend} {server}：無法解析 {host}"
    ],
    HopToServer => ["{proxy} → server {server} {addr}", "{proxy} → server {server} {addr}"],
    HopToServerNoPort => [
        "{proxy} → server {server} {addr} (no port: the client's port {port})",
        "{proxy} → server {server} {addr}（沒有連接埠：沿用用戶端的連接埠 {port}）"
    ],
    HopNoAnswerServer => [
        "{addr}: no answer within timeout server",
        "{addr}：在 timeout server 之內沒有回應"
    ],
    HopRedispatch => [
        "option redispatch: to server {server}",
        "option redispatch：改送到 server {server}"
    ],
    HopRefusedMore => [
        "{addr}: Connection refused {left} more times, {delay} apart",
        "{addr}：連線又被拒絕 {left} 次，每次間隔 {delay}"
    ],
    HopNoAnswerConnect => [
        "{addr}: no answer within timeout connect",
        "{addr}：在 timeout connect 之內沒有回應"
    ],
    HopNoAnswerConnectMore => [
        "{addr}: no answer within timeout connect {left} more times",
        "{addr}：又有 {left} 次在 timeout connect 之內沒有回應"
    ],
    HopLoops => [
        "{addr} is this HAProxy's own listener: the connection loops until the queue times out",
        "{addr} 是這個 HAProxy 自己的監聽：連線不斷繞回，直到佇列逾時"
    ],
    HopRetriesLeft => [
        "no server left after {retries} retries: 503",
        "重試 {retries} 次之後沒有可用的 server：503"
    ],

    // ── The diagram's own labels (model/view/topology.rs, view/layout).
    //    Names of pods, containers, images, volumes and paths come in as
    //    values; so do kubectl's words (Running, 1/2).
    DiagPodTitle => ["pod {name}", "Pod {name}"],
    /// A pattern's line in a pod's head: `{name}` is ambassador, sidecar
    /// or adapter (kept in English), `{why}` one of the `Why*` texts.
    DiagPattern => ["{name}: {why}", "{name}：{why}"],
    DiagProgramFruit => ["legacy fruit service", "舊版水果服務"],
    DiagImageNotFound => ["image not found", "找不到映像檔"],
    DiagNotModelled => ["not modelled by podlab", "podlab 沒有模擬"],
    DiagLocalhost => [
        "shared network namespace (localhost){bound}",
        "共享 network namespace（localhost）{bound}"
    ],
    DiagBound => [" · bound {ports}", " · 綁定 {ports}"],
    DiagNoIpYet => ["no IP yet", "尚無 IP"],
    DiagPids => ["shared process namespace", "共享 process namespace"],
    DiagNotFound => [" (not found)", "（找不到）"],
    DiagNoIo => ["no reads or writes yet", "還沒有讀寫"],
    DiagWrittenBy => ["written by {names}", "由 {names} 寫入"],
    DiagReadBy => ["read by {names}", "由 {names} 讀取"],
    DiagReadOnly => [" (ro)", "（唯讀）"],
    DiagReadsWrites => [" · reads, writes", " · 讀取、寫入"],
    DiagWrites => [" · writes", " · 寫入"],
    DiagReads => [" · reads", " · 讀取"],
    DiagNothingListens => ["{addr}: nothing listens", "{addr}：沒有程式在監聽"],
    DiagReachableToo => [
        "{addr} reachable too: containerPort is informational",
        "{addr} 也連得到：containerPort 僅供參考"
    ],
    WhyItsClients => ["its clients", "它的用戶端"],
    /// Spaced in Chinese: it stands between Chinese words.
    WhyPodPorts => ["the pod's {ports}", " Pod 的 {ports} "],
    WhyAmbassadorNothing => [
        "{helper} proxies {input} to {addr} over localhost, where nothing listens",
        "{helper} 透過 localhost 把{input}轉送到 {addr}，但那裡沒有程式在監聽"
    ],
    WhyAmbassador => [
        "{helper} proxies {input} to {main} over localhost ({addr})",
        "{helper} 透過 localhost（{addr}）把{input}轉送給 {main}"
    ],
    WhySidecarServes => [
        "{writer} writes into volume {volume}, which {reader} serves on {ports}",
        "{writer} 寫入 volume {volume}，由 {reader} 在 {ports} 提供"
    ],
    WhyAdapter => [
        "{reader} reads what {writer} writes to volume {volume} and serves it, transformed, on {ports}",
        "{reader} 讀取 {writer} 寫入 volume {volume} 的內容，轉換後在 {ports} 提供"
    ],
    WhySidecarReads => [
        "{reader} reads what {writer} writes to volume {volume}{streams}",
        "{reader} 讀取 {writer} 寫入 volume {volume} 的內容{streams}"
    ],
    WhyStreams => [
        " and streams it to its own stdout",
        "，並串流輸出到自己的 stdout"
    ],

    // ── Keyboard and screen readers (model/view/a11y.rs, theme_toggle.rs) ─
    /// Under each editor, and its textarea's accessible description.
    EditorKeysHint => [
        "Tab indents · Esc then Tab leaves the editor",
        "Tab 縮排 · 先按 Esc 再按 Tab 離開編輯器"
    ],
    /// Under the console, and its input's accessible description.
    ConsoleKeysHint => [
        "Tab completes · Esc then Tab leaves the console",
        "Tab 自動完成 · 先按 Esc 再按 Tab 離開主控台"
    ],
    /// An editor's scrolling box.
    EditorOf => ["{file} (editor)", "{file}（編輯器）"],
    /// A diagnostics list's name.
    ProblemsIn => ["Problems in {file}", "{file} 的問題"],
    ConsoleTranscript => ["Console transcript", "主控台紀錄"],
    /// Visually hidden, before a diagnostic's `line:col`.
    GoToLineNumber => ["Go to line ", "跳到第幾行："],
    PodsOutput => [
        "kubectl apply and kubectl get pods output",
        "kubectl apply 與 kubectl get pods 的輸出"
    ],
    EventsOf => ["Events of {pod}", "{pod} 的事件"],
    CommandOutput => ["Output of the command", "指令的輸出"],
    PresetGallery => ["Preset gallery", "範例集"],
    Theme => ["Theme", "佈景主題"],
    ThemeAuto => ["auto (as your system)", "自動（依系統設定）"],
    ThemeLight => ["light", "淺色"],
    ThemeDark => ["dark", "深色"],
    /// The console's live region, after output cut for reading out.
    AnnouncementCut => [
        " … (announcement cut at {n} characters; {rest} more are in the console transcript)",
        " …（朗讀內容在 {n} 個字元處截斷；其餘 {rest} 個字元在主控台紀錄中）"
    ],
    DiagramTitle => ["Topology diagram", "拓撲圖"],
    DiagramEmpty => ["No pods yet.", "還沒有 Pod。"],
    DiagramClientPod => ["Client pod", "用戶端 Pod"],
    DiagramContainer => ["Container", "container"],
    DiagramPort => ["Port", "連接埠"],
    DiagramVolume => ["Volume", "volume"],
    /// A box: its title (`{title}`), as a sentence.
    DiagramNode => ["{title}", "{title}"],
    DiagramNodeOfKind => ["{kind} {title}", "{kind} {title}"],
    /// A box with what it shows (`{lines}`, a list), as a sentence.
    DiagramWithLines => ["{node}: {lines}.", "{node}：{lines}。"],
    DiagramArrow => ["Arrow from {from} to {to}", "從 {from} 到 {to} 的箭頭"],
    DiagramArrowLabelled => ["{arrow}: {label}.", "{arrow}：{label}。"],
    /// A sentence of the description, without more to say.
    DiagramSentence => ["{s}.", "{s}。"],

    // ── The long-file editor (components/big_editor.rs) ──────────────────
    PreviousPart => ["◀ Previous part", "◀ 上一段"],
    NextPart => ["Next part ▶", "下一段 ▶"],
    BackBeforePaste => ["Back to the text before the paste", "回到貼上之前的文字"],
    /// `{mb}`: the file's size in MB, one decimal.
    BigFilePart => [
        "Lines {first}–{last} of {total}. This file is {mb} MB: the editor holds a part of it at a time; all of it is kept and saved.",
        "第 {first}–{last} 行，共 {total} 行。這個檔案有 {mb} MB：編輯器一次只放其中一段；整個檔案都會保留並儲存。"
    ],

    // ── The embedded layout (?embed=1: components/embed_tabs.rs) ─────────
    PaneFiles => ["Files", "檔案"],
    PaneDiagram => ["Diagram", "示意圖"],
    PaneChecks => ["Checks", "檢查"],
    /// The tab list's accessible name.
    EmbedPanes => ["podlab's panes", "podlab 的窗格"],

    // ── The checklist (model/project/checks.rs, components/checklist_panel.rs)
    CheckDefaultHint => [
        "See the command's output in the console.",
        "請在主控台查看這個指令的輸出。"
    ],
    CheckNotRun => [
        "Not run: the checks were stopped.",
        "未執行：檢查已被中止。"
    ],
    CheckCfgKey => [
        "The ConfigMap holds haproxy.cfg",
        "ConfigMap 裡有 haproxy.cfg"
    ],
    CheckCfgKeyHint => [
        "Put HAProxy's configuration in the ConfigMap's data under the key haproxy.cfg, the file name HAProxy reads.",
        "把 HAProxy 的設定放在 ConfigMap 的 data 裡，key 為 haproxy.cfg，也就是 HAProxy 讀取的檔名。"
    ],
    CheckImages => [
        "The pod runs the legacy app and haproxy:1.7",
        "Pod 執行舊版應用程式與 haproxy:1.7"
    ],
    CheckImagesHint => [
        "The fruit-service pod needs two containers: linuxacademycontent/legacy-fruit-service:1 and haproxy:1.7.",
        "fruit-service Pod 需要兩個 container：linuxacademycontent/legacy-fruit-service:1 與 haproxy:1.7。"
    ],
    CheckMount => [
        "The config is mounted where HAProxy reads it",
        "設定掛載在 HAProxy 讀取的位置"
    ],
    CheckMountHint => [
        "Mount the ConfigMap's volume at /usr/local/etc/haproxy/ in the fruit-service-ambassador container: haproxy:1.7 reads /usr/local/etc/haproxy/haproxy.cfg.",
        "在 fruit-service-ambassador container 中把 ConfigMap 的 volume 掛載到 /usr/local/etc/haproxy/：haproxy:1.7 讀取 /usr/local/etc/haproxy/haproxy.cfg。"
    ],
    CheckPort => [
        "Port 80 is declared",
        "宣告了連接埠 80"
    ],
    CheckPortHint => [
        "Declare containerPort: 80 under the ambassador container's ports.",
        "在 ambassador container 的 ports 底下宣告 containerPort: 80。"
    ],
    CheckFruit => [
        "busybox's curl to the pod IP on :80 returns the fruit JSON",
        "busybox 以 curl 連到 Pod IP 的 :80 會得到水果 JSON"
    ],
    CheckFruitHint => [
        "HAProxy must bind *:80 and send to the legacy app on 127.0.0.1:8775; see the curl's output and the path in the diagram.",
        "HAProxy 必須 bind *:80，並轉送到 127.0.0.1:8775 上的舊版應用程式；請看 curl 的輸出與示意圖中的路徑。"
    ],
    CheckLog1 => [
        "count-log-1 streams 1.log",
        "count-log-1 串流輸出 1.log"
    ],
    CheckLog1Hint => [
        "count-log-1 must tail -F /var/log/1.log from the volume count writes to.",
        "count-log-1 必須對 count 寫入的 volume 中的 /var/log/1.log 執行 tail -F。"
    ],
    CheckLog2 => [
        "count-log-2 streams 2.log",
        "count-log-2 串流輸出 2.log"
    ],
    CheckLog2Hint => [
        "count-log-2 must tail -F /var/log/2.log from the volume count writes to.",
        "count-log-2 必須對 count 寫入的 volume 中的 /var/log/2.log 執行 tail -F。"
    ],
    CheckSharedLogs => [
        "The sidecars see count's log files",
        "sidecar 看得到 count 的 log 檔"
    ],
    CheckSharedLogsHint => [
        "Mount the same emptyDir at /var/log in count and in each sidecar.",
        "在 count 與每個 sidecar 中，把同一個 emptyDir 掛載到 /var/log。"
    ],
    CheckMetrics => [
        "The adapter serves Prometheus text on :9100",
        "adapter 在 :9100 提供 Prometheus 文字格式"
    ],
    CheckMetricsHint => [
        "The adapter must answer on port 9100 with app_requests_total and the other metrics.",
        "adapter 必須在連接埠 9100 回應 app_requests_total 與其他指標。"
    ],
    CheckMetricsPort => [
        "Port 9100 is declared",
        "宣告了連接埠 9100"
    ],
    CheckMetricsPortHint => [
        "Declare containerPort: 9100 under the adapter container's ports.",
        "在 adapter container 的 ports 底下宣告 containerPort: 9100。"
    ],
    CheckStatus => [
        "The adapter reads the app's status",
        "adapter 讀得到應用程式的狀態"
    ],
    CheckStatusHint => [
        "Mount the status emptyDir in both containers: the app writes /var/status/app.status, the adapter reads /status/app.status.",
        "在兩個 container 中都掛載 status emptyDir：應用程式寫入 /var/status/app.status，adapter 讀取 /status/app.status。"
    ],
    CheckPage => [
        "nginx serves debian's page",
        "nginx 提供 debian 寫的網頁"
    ],
    CheckPageHint => [
        "nginx serves /usr/share/nginx/html: mount the shared volume there.",
        "nginx 提供 /usr/share/nginx/html 的內容：把共享的 volume 掛載到那裡。"
    ],
    CheckIndex => [
        "debian wrote index.html to the shared volume",
        "debian 把 index.html 寫進共享的 volume"
    ],
    CheckIndexHint => [
        "debian must write /pod-data/index.html onto the volume nginx serves.",
        "debian 必須把 /pod-data/index.html 寫到 nginx 提供內容的 volume 上。"
    ],
    CheckSharedPid => [
        "shareProcessNamespace is on",
        "已開啟 shareProcessNamespace"
    ],
    CheckSharedPidHint => [
        "Set shareProcessNamespace: true in the pod's spec.",
        "在 Pod 的 spec 中設定 shareProcessNamespace: true。"
    ],
    CheckPause => [
        "PID 1 is the pause process",
        "PID 1 是 pause 行程"
    ],
    CheckPauseHint => [
        "With a shared PID namespace, ps ax in the shell container lists /pause as PID 1.",
        "共享 PID namespace 時，在 shell container 中執行 ps ax 會列出 PID 1 的 /pause。"
    ],
    CheckSeesNginx => [
        "The shell container sees nginx's processes",
        "shell container 看得到 nginx 的行程"
    ],
    CheckSeesNginxHint => [
        "Share the pod's process namespace so ps in one container lists the others.",
        "共享 Pod 的 process namespace，讓一個 container 中的 ps 能列出其他 container 的行程。"
    ],
    ChecksRun => ["Check my work", "檢查我的作業"],
    ChecksRunning => ["Checking…", "檢查中…"],
    ChecksHow => [
        "Each check runs its command in the console, after the pods settle.",
        "每項檢查都在 Pod 穩定之後，於主控台執行它的指令。"
    ],
    ChecksEmpty => ["This exercise has no checks.", "這個練習沒有檢查項目。"],
    CheckPassed => ["passed", "通過"],
    CheckFailed => ["failed", "未通過"],
    CheckPending => ["not checked yet", "尚未檢查"],
    ChecksSummary => ["{passed} of {of} checks pass.", "{of} 項檢查中通過 {passed} 項。"],
    MissDiffers => ["The output is not the one expected.", "輸出與預期的不同。"],
    MissLacks => ["The output does not contain {text}.", "輸出中沒有 {text}。"],
    MissNoWord => ["{word} is not in the output.", "輸出中沒有 {word}。"],
    MissExitCode => ["It exited {got}, not {want}.", "結束狀態是 {got}，不是 {want}。"],
    MissFailed => ["It exited {code}.", "結束狀態是 {code}。"],
    MissNotJson => ["The output is not JSON.", "輸出不是 JSON。"],
    MissOtherJson => ["The JSON is not the one expected.", "JSON 與預期的不同。"],

    // ── Share links (share.rs, components/share_panel.rs) ─────────────────
    Share => ["Share", "分享"],
    ShareLinkLabel => ["Share link", "分享連結"],
    ShareMaking => ["Making the link…", "正在產生連結…"],
    ShareHow => [
        "Anyone who opens this link gets these files; their own files stay one click away.",
        "開啟這個連結的人會得到這些檔案；他們自己的檔案按一下就能找回。"
    ],
    ShareTooLong => [
        "This link is over 8 KB: chat tools and some sites may cut it. Download the files instead, or shorten them.",
        "這個連結超過 8 KB：聊天工具與部分網站可能會把它截斷。請改為下載檔案，或把檔案縮短。"
    ],
    ShareDownload => ["Download the files", "下載檔案"],
    ShareNoCompression => [
        "This browser cannot compress a share link (no CompressionStream).",
        "這個瀏覽器無法壓縮分享連結（沒有 CompressionStream）。"
    ],
    /// The notice after a link's files replaced the ones shown.
    ShareOpened => ["Opened the files of a share link.", "已開啟分享連結中的檔案。"],
    ShareGarbled => [
        "This share link could not be opened: {why}. Nothing was changed.",
        "無法開啟這個分享連結：{why}。沒有任何變更。"
    ],
    ShareWhyVersion => [
        "its format ({v}) is not one this podlab knows",
        "它的格式（{v}）不是這個 podlab 認得的"
    ],
    ShareWhyBase64 => [
        "it is not the text podlab wrote (was it cut or changed?)",
        "它不是 podlab 寫出的文字（是否被截斷或修改過？）"
    ],
    ShareWhyCompression => [
        "it does not decompress: it was cut or changed",
        "它無法解壓縮：已被截斷或修改"
    ],
    ShareWhyTooLarge => [
        "its files are larger than podlab opens from a link",
        "它的檔案超過 podlab 從連結開啟的上限"
    ],
    ShareWhyPayload => ["it does not hold a workspace", "它不包含工作區"],
    ShareWhyPreset => [
        "its preset ({p}) is not one this podlab has",
        "它的範例（{p}）不在這個 podlab 裡"
    ],
    ShareWhyFiles => ["it holds no files, or too many", "它沒有檔案，或檔案太多"],

    // ── Notices (persist.rs, crash.rs) ─────────────────────────────────
    CrashNotice => [
        "podlab hit an internal error; your files are saved",
        "podlab 發生內部錯誤；你的檔案已儲存"
    ],
    CrashReload => ["Reload", "重新載入"],
    RecoveredNotice => [
        "podlab hit an internal error last time, so it opened with the clock paused and the console empty (nothing was run again). Press ▶ play to go on.",
        "podlab 上次發生內部錯誤，所以這次開啟時時鐘已暫停、主控台是空的（沒有重新執行任何東西）。按下 ▶ 播放即可繼續。"
    ],
    SaveQuota => [
        "podlab's saved work is over the browser's storage quota ({kb} KB): your latest edits are not saved. Shorten big pastes, reset presets you no longer need, or clear this site's other data; podlab saves again at your next edit.",
        "podlab 儲存的內容超過瀏覽器的儲存配額（{kb} KB）：你最近的修改沒有儲存。請縮短貼上的大段文字、重設不再需要的範例，或清除這個網站的其他資料；你下次修改時 podlab 會再儲存。"
    ],
    SaveUnavailable => [
        "This browser does not let podlab save to localStorage: your edits will be lost on reload.",
        "這個瀏覽器不允許 podlab 儲存到 localStorage：重新載入後，你的修改將會遺失。"
    ],
    AsideNewer => [
        "The work saved here was written by a newer podlab (save format {found}; this page reads format {reads}), so this page cannot open it.",
        "這裡儲存的內容是由較新版的 podlab 寫入的（儲存格式 {found}；這個頁面讀取格式 {reads}），所以這個頁面無法開啟它。"
    ],
    AsideGarbled => [
        "The work saved here is not a save this podlab can read.",
        "這裡儲存的內容不是這個版本的 podlab 能讀取的格式。"
    ],
    AsideCrashed => [
        "podlab hit an internal error again while opening your saved files, so it opened this preset's own files instead.",
        "podlab 開啟你儲存的檔案時再次發生內部錯誤，所以改為開啟這個範例本身的檔案。"
    ],
    AsideKept => [
        "{what} It is kept, untouched, in this browser's localStorage under \"{at}\"; podlab never overwrites it. To get it back, copy that value into \"{key}\" (developer tools → Application → Local Storage) and open the page again, with a newer podlab if it came from one.",
        "{what}它原封不動地保存在這個瀏覽器的 localStorage 中，鍵為 \"{at}\"；podlab 絕不會覆寫它。若要取回，請把那個值複製到 \"{key}\"（開發人員工具 → Application → Local Storage），再重新開啟頁面；若它來自較新版的 podlab，請用較新版開啟。"
    ],
    AsideNotKept => [
        "{what} podlab could not keep a copy aside (every \"{slot}\" slot is taken, or the storage is full), so it does not save here, leaving it untouched under \"{key}\".",
        "{what}podlab 無法另存一份副本（每個 \"{slot}\" 位置都已佔用，或儲存空間已滿），所以不在這裡儲存，讓它原封不動地留在 \"{key}\" 之下。"
    ],
    ElsewhereReadable => [
        "This workspace was changed in another tab or frame. podlab stopped saving here so as not to overwrite it: load their version, or keep yours (which overwrites theirs).",
        "這個工作區在另一個分頁或框架中被修改了。為了不覆寫它，podlab 已停止在這裡儲存：請載入對方的版本，或保留你的版本（會覆寫對方的）。"
    ],
    ElsewhereUnreadable => [
        "This workspace was changed in another tab or frame by a podlab this page cannot read (a newer one?). podlab stopped saving here so as not to overwrite it; keep yours only if you mean to replace it.",
        "這個工作區在另一個分頁或框架中，被這個頁面無法讀取的 podlab（較新版？）修改了。為了不覆寫它，podlab 已停止在這裡儲存；只有在你確定要取代它時，才保留你的版本。"
    ],
    ResetNotice => ["Files reset to the preset.", "檔案已重設為範例的內容。"],
    Undo => ["Undo", "復原"],
    Dismiss => ["Dismiss", "關閉"],
    LoadTheirs => ["Load their version", "載入對方的版本"],
    KeepMine => ["Keep mine", "保留我的版本"],

    // ── Presets (model/project/presets.rs) ─────────────────────────────
    PatternAmbassador => ["ambassador", "ambassador"],
    PatternSidecar => ["sidecar", "sidecar"],
    PatternAdapter => ["adapter", "adapter"],
    PatternSharedVolume => ["shared volume", "共享 volume"],
    PatternSharedProcessNamespace => ["shared process namespace", "共享 process namespace"],
    AmbassadorTitle => ["The fruit service", "水果服務"],
    AmbassadorSummary => [
        "HAProxy on :80 proxies to a legacy app that only listens on 8775, over the pod's localhost.",
        "HAProxy 在 :80 上，透過 Pod 的 localhost，把請求代理給只監聽 8775 的舊版應用程式。"
    ],
    AmbassadorSource => [
        "the seed lab (A Cloud Guru, multi-container pods)",
        "本課程的實作練習（A Cloud Guru，Multi-container Pods）"
    ],
    AmbassadorWorks => [
        "JSON listing fruit: the ambassador works.",
        "列出水果的 JSON：ambassador 運作正常。"
    ],
    AmbassadorFails => [
        "No fruit: see the output and the path below.",
        "沒有水果：請看下方的輸出與路徑。"
    ],
    SidecarTitle => ["Streaming logs", "串流日誌"],
    SidecarSummary => [
        "count appends to two log files on a shared emptyDir; two sidecars tail -F them to their own stdout.",
        "count 把內容附加到共享 emptyDir 上的兩個日誌檔；兩個 sidecar 用 tail -F 把它們輸出到各自的 stdout。"
    ],
    SidecarSource => [
        "kubernetes.io, Logging Architecture: streaming sidecar containers",
        "kubernetes.io，Logging Architecture：streaming sidecar containers"
    ],
    SidecarWorks => [
        "count-log-1 streams 1.log: the sidecar works (run it again as the clock moves).",
        "count-log-1 串流輸出 1.log：sidecar 運作正常（時鐘前進後可再執行一次）。"
    ],
    SidecarFails => [
        "No lines from 1.log yet: see the pod's status.",
        "1.log 還沒有任何內容：請看 Pod 的狀態。"
    ],
    AdapterTitle => ["Prometheus metrics", "Prometheus 指標"],
    AdapterSummary => [
        "app writes its status in its own format; the adapter serves it as Prometheus text on :9100. nc prepares each answer before the scrape comes, so a scrape shows the status as of the previous one.",
        "app 以自己的格式寫出狀態；adapter 在 :9100 以 Prometheus 文字格式提供它。nc 在抓取到來之前就準備好每次的回應，所以一次抓取顯示的是上一次抓取時的狀態。"
    ],
    AdapterSource => [
        "the adapter pattern of the 2015 \"patterns for composite containers\" post",
        "2015 年〈patterns for composite containers〉一文中的 adapter 模式"
    ],
    AdapterWorks => ["Prometheus text: the adapter works.", "Prometheus 文字格式：adapter 運作正常。"],
    AdapterFails => [
        "No metrics: see the output and the path below.",
        "沒有指標：請看下方的輸出與路徑。"
    ],
    SharedVolumeTitle => ["nginx and debian", "nginx 與 debian"],
    SharedVolumeSummary => [
        "debian writes index.html into a shared emptyDir and exits; nginx serves it. The pod reads 1/2 NotReady, as in the docs.",
        "debian 把 index.html 寫進共享的 emptyDir 後結束；nginx 提供這個檔案。Pod 顯示 1/2 NotReady，和官方文件一樣。"
    ],
    SharedVolumeSource => [
        "kubernetes.io, Communicate Between Containers in the Same Pod Using a Shared Volume",
        "kubernetes.io，Communicate Between Containers in the Same Pod Using a Shared Volume"
    ],
    SharedVolumeWorks => [
        "nginx serves what debian wrote: the volume is shared.",
        "nginx 提供了 debian 寫入的內容：volume 是共享的。"
    ],
    SharedVolumeFails => [
        "Not debian's page: see the output and the path below.",
        "不是 debian 寫的頁面：請看下方的輸出與路徑。"
    ],
    ProcessNamespaceTitle => ["ps across containers", "跨 container 的 ps"],
    ProcessNamespaceSummary => [
        "With shareProcessNamespace: true, ps in the shell container lists nginx's processes, and PID 1 is the pause process.",
        "設定 shareProcessNamespace: true 後，在 shell container 中執行 ps 會列出 nginx 的行程，且 PID 1 是 pause 行程。"
    ],
    ProcessNamespaceSource => [
        "kubernetes.io, Share Process Namespace between Containers in a Pod",
        "kubernetes.io，Share Process Namespace between Containers in a Pod"
    ],
    ProcessNamespaceWorks => [
        "PID 1 is /pause and nginx's processes show: the PID namespace is shared.",
        "PID 1 是 /pause，而且看得到 nginx 的行程：PID namespace 是共享的。"
    ],
    ProcessNamespaceFails => [
        "No /pause: each container sees only its own processes.",
        "沒有 /pause：每個 container 只看得到自己的行程。"
    ],

    // ── podlab's hints and notes on the files (model/project/hints.rs,
    //    workspace.rs, lang/kube.rs) ──────────────────────────────────────
    HintReturnArrived => [
        "line {line}: `http-request return` arrived in HAProxy 2.2; the pod's image '{image}' runs HAProxy {version}",
        "第 {line} 行：`http-request return` 從 HAProxy 2.2 才開始提供；這個 Pod 的映像檔 '{image}' 執行的是 HAProxy {version}"
    ],
    HintNotRoot => [
        "the image '{image}' runs HAProxy as user haproxy, not root: binding port {port} fails with \"cannot bind socket (Permission denied)\"",
        "映像檔 '{image}' 以使用者 haproxy（而非 root）執行 HAProxy：綁定連接埠 {port} 會失敗，訊息為 \"cannot bind socket (Permission denied)\""
    ],
    HintLoopbackOnly => [
        "this listener is on {ip} only, so other pods (busybox) cannot reach it; `*:{port}` listens on every address",
        "這個監聽只在 {ip} 上，其他 Pod（busybox）連不到它；`*:{port}` 會監聽所有位址"
    ],
    HintPortNotDeclared => [
        "HAProxy listens on port {port}, but container '{container}' declares containerPort {declared}; containerPort is informational, clients must use {port}",
        "HAProxy 監聽連接埠 {port}，但 container '{container}' 宣告的 containerPort 是 {declared}；containerPort 僅供參考，用戶端必須使用 {port}"
    ],
    HintNoBind => [
        "container '{container}' declares containerPort {port}, but no bind in haproxy.cfg listens on it: connections to port {port} are refused",
        "container '{container}' 宣告了 containerPort {port}，但 haproxy.cfg 中沒有任何 bind 監聽它：連到連接埠 {port} 的連線會被拒絕"
    ],
    HintServerNoPort => [
        "server '{server}' has no port, so HAProxy connects to the port the client used ({ports}): its own listener. The request loops until the queue times out, then 503",
        "server '{server}' 沒有指定連接埠，所以 HAProxy 會連到用戶端所用的連接埠（{ports}），也就是它自己的監聽。請求會不斷繞回，直到佇列逾時，然後得到 503"
    ],
    /// No ports, in a list of ports.
    HintNone => ["none", "無"],
    HintServerIsSelf => [
        "server '{server}' is {host}:{port}, HAProxy's own listener: requests loop back into HAProxy",
        "server '{server}' 是 {host}:{port}，也就是 HAProxy 自己的監聽：請求會繞回 HAProxy"
    ],
    HintNothingListens => [
        "nothing in pod '{pod}' listens on port {port} ({what}): connections to server '{server}' are refused, and clients get 503 after HAProxy's retries",
        "Pod '{pod}' 中沒有任何程式監聽連接埠 {port}（{what}）：連到 server '{server}' 的連線會被拒絕，用戶端在 HAProxy 重試之後會得到 503"
    ],
    HintNothingElse => ["nothing else in the pod listens", "Pod 中沒有其他程式在監聽"],
    HintListensOn => ["'{container}' listens on {port}", "'{container}' 監聽 {port}"],
    HintNoMount => [
        "container '{container}' mounts no volume of ConfigMap '{configmap}': HAProxy reads {path}, which the image does not ship, and exits with \"Cannot open configuration file\"",
        "container '{container}' 沒有掛載 ConfigMap '{configmap}' 的任何 volume：HAProxy 會讀取映像檔中沒有的 {path}，並以 \"Cannot open configuration file\" 結束"
    ],
    HintMountDir => [
        "mountPath {mount} makes {path} a directory; it works only because HAProxy loads every *.cfg file of a directory given to -f",
        "mountPath {mount} 讓 {path} 成為一個目錄；之所以能運作，只是因為 HAProxy 會載入 -f 所指目錄中的每個 *.cfg 檔"
    ],
    HintMountElsewhere => [
        "HAProxy reads {path}, but with mountPath {mount} the ConfigMap key '{key}' lands at {lands}: HAProxy exits with \"Cannot open configuration file\"",
        "HAProxy 讀取 {path}，但在 mountPath {mount} 之下，ConfigMap 的鍵 '{key}' 會落在 {lands}：HAProxy 會以 \"Cannot open configuration file\" 結束"
    ],
    HintNowhere => ["nowhere (not selected)", "無處（沒有被選取）"],
    ImageNearMiss => [
        "podlab takes {image} for a typo of {suggestion}: like a real node, it fails to pull a tag that does not exist (ErrImagePull, then ImagePullBackOff)",
        "podlab 把 {image} 視為 {suggestion} 的筆誤：就像真實的節點，拉取不存在的 tag 會失敗（先是 ErrImagePull，然後是 ImagePullBackOff）"
    ],
    ImageDidYouMean => ["podlab: did you mean `{suggestion}`?", "podlab：你是指 `{suggestion}` 嗎？"],
    ImageUnknown => [
        "podlab does not model the image {image}: its container runs, but podlab simulates none of its processes, output, files or ports",
        "podlab 沒有模擬映像檔 {image}：它的 container 會執行，但 podlab 不模擬它的任何行程、輸出、檔案或連接埠"
    ],
    TooLarge => [
        "this file is {mb} MB; podlab reads, checks and highlights files up to 256 KiB, so it does not apply this one. Your text is kept and saved as you wrote it.",
        "這個檔案有 {mb} MB；podlab 只讀取、檢查並標示 256 KiB 以內的檔案，所以不會套用它。你的文字會原樣保留並儲存。"
    ],
    NoFinalNewline => [
        "haproxy.cfg does not end with a newline: {fate}",
        "haproxy.cfg 的結尾沒有換行：{fate}"
    ],
    NoFinalNewlineRefused => [
        "HAProxy {version} refuses it (see its alert)",
        "HAProxy {version} 會拒絕它（請看它的 alert）"
    ],
    NoFinalNewlineAccepted => [
        "HAProxy {version} accepts it, but 2.4 and later refuse it",
        "HAProxy {version} 接受它，但 2.4 及之後的版本會拒絕"
    ],
    NoFinalNewlineNote => [
        "a YAML `|-` block drops the final newline; `|` keeps it",
        "YAML 的 `|-` 區塊會去掉最後的換行；`|` 則會保留"
    ],
    /// `{what}` is HAProxy's keyword as the parser names it (English).
    HaproxyUnmodelled => [
        "{what} is valid HAProxy but not modelled by podlab",
        "{what} 是有效的 HAProxy 設定，但 podlab 沒有模擬它"
    ],
    KindUnmodelled => [
        "podlab does not model the kind {kind}; only Pod, ConfigMap and Namespace",
        "podlab 沒有模擬 {kind} 這種 kind；只模擬 Pod、ConfigMap 與 Namespace"
    ],
    KubeUnmodelled => [
        "`{path}` is accepted but not modelled by podlab",
        "`{path}` 會被接受，但 podlab 沒有模擬它"
    ],

    // ── HAProxy keyword help (model/lang/haproxy/keywords.rs), paraphrasing
    //    HAProxy 2.6's configuration manual ────────────────────────────────
    HelpSectionGlobal => [
        "Process-wide settings: limits, logging, user, daemon mode. Parsed once, before any proxy.",
        "整個行程的設定：限制、日誌、使用者、daemon 模式。在任何 proxy 之前只解析一次。"
    ],
    HelpSectionDefaults => [
        "Default settings copied into every listen, frontend and backend section that follows it, until the next defaults section.",
        "預設設定，會複製到其後每個 listen、frontend 與 backend 區段，直到下一個 defaults 區段為止。"
    ],
    HelpSectionListen => [
        "A proxy that both accepts connections (like a frontend) and forwards them to its own servers (like a backend).",
        "同時接受連線（像 frontend）並轉送給自己的 server（像 backend）的 proxy。"
    ],
    HelpSectionFrontend => [
        "A proxy that accepts client connections on its bind addresses and picks a backend for each request.",
        "在其 bind 位址上接受用戶端連線，並為每個請求挑選 backend 的 proxy。"
    ],
    HelpSectionBackend => [
        "A set of servers to which a frontend forwards connections, with its load-balancing algorithm and checks.",
        "一組 server，frontend 把連線轉送給它們，附帶負載平衡演算法與健康檢查。"
    ],
    HelpSectionUserlist => [
        "Users and groups for HTTP authentication. podlab does not model this section.",
        "HTTP 認證用的使用者與群組。podlab 沒有模擬這個區段。"
    ],
    HelpSectionPeers => [
        "Peers that share stick-tables. podlab does not model this section.",
        "共享 stick-table 的對等節點。podlab 沒有模擬這個區段。"
    ],
    HelpSectionResolvers => [
        "DNS resolvers for server addresses at run time. podlab does not model this section.",
        "在執行時解析 server 位址的 DNS 解析器。podlab 沒有模擬這個區段。"
    ],
    HelpGlobalDaemon => [
        "Fork into the background. Ignored when HAProxy runs in the foreground (-db, -Ds, as the haproxy:1.7 entrypoint does); with a bare `haproxy -f`, the container's main process exits.",
        "轉到背景執行。HAProxy 在前景執行時（-db、-Ds，如 haproxy:1.7 的 entrypoint）會忽略它；若直接執行 `haproxy -f`，container 的主行程會結束。"
    ],
    HelpGlobalMaxconn => [
        "The most concurrent connections for the whole process. Beyond it, new connections wait in the kernel's backlog; no error is sent.",
        "整個行程最多的同時連線數。超過時，新連線會在核心的 backlog 中等待，不會送出錯誤。"
    ],
    HelpGlobalLog => [
        "Where to send logs (a syslog address, or stdout/stderr). podlab does not model logging.",
        "日誌要送往何處（syslog 位址，或 stdout/stderr）。podlab 沒有模擬日誌。"
    ],
    HelpGlobalUser => [
        "The user HAProxy switches to after binding its ports.",
        "HAProxy 綁定連接埠之後切換成的使用者。"
    ],
    HelpGlobalGroup => [
        "The group HAProxy switches to after binding its ports.",
        "HAProxy 綁定連接埠之後切換成的群組。"
    ],
    HelpGlobalChroot => [
        "Change root to this directory after start-up.",
        "啟動後把根目錄切換到這個目錄。"
    ],
    HelpGlobalPidfile => [
        "Write the process id(s) to this file.",
        "把行程 ID 寫入這個檔案。"
    ],
    HelpGlobalNbthread => [
        "How many threads HAProxy runs.",
        "HAProxy 執行的執行緒數量。"
    ],
    HelpGlobalStats => [
        "Settings of the runtime API socket (stats socket ...).",
        "執行期 API socket 的設定（stats socket ...）。"
    ],
    HelpProxyMode => [
        "`http` parses each request (rules, ACLs, error pages); `tcp` forwards bytes untouched. The default is tcp.",
        "`http` 會解析每個請求（規則、ACL、錯誤頁面）；`tcp` 則原封不動地轉送位元組。預設為 tcp。"
    ],
    HelpProxyBind => [
        "Listen on [address]:port. `*:80`, `:80` and `0.0.0.0:80` mean every IPv4 address; `127.0.0.1:80` only loopback (unreachable from other pods); `:::80 v4v6` IPv6 and IPv4. Only in frontend and listen sections.",
        "監聽 [位址]:連接埠。`*:80`、`:80` 與 `0.0.0.0:80` 表示所有 IPv4 位址；`127.0.0.1:80` 只有 loopback（其他 Pod 連不到）；`:::80 v4v6` 表示 IPv6 與 IPv4。只能用在 frontend 與 listen 區段。"
    ],
    HelpProxyServer => [
        "server <name> <address>[:port] [options]: a server of this backend. Without a port, HAProxy uses the port the client connected to.",
        "server <名稱> <位址>[:連接埠] [選項]：這個 backend 的一個 server。沒有連接埠時，HAProxy 會使用用戶端所連的連接埠。"
    ],
    HelpProxyDefaultServer => [
        "Default options for the servers declared after it in this section (maxconn, check, inter, ...).",
        "這個區段中在它之後宣告的 server 的預設選項（maxconn、check、inter ...）。"
    ],
    HelpProxyTimeout => [
        "timeout <connect|client|server|queue|check|...> <time>: how long HAProxy waits for each phase. Times are in milliseconds unless a unit (us, ms, s, m, h, d) follows.",
        "timeout <connect|client|server|queue|check|...> <時間>：HAProxy 在每個階段等待多久。時間以毫秒為單位，除非後面接著單位（us、ms、s、m、h、d）。"
    ],
    HelpProxyTimeoutConnect => [
        "How long to wait for a connection to a server to be established. Also the default of `timeout queue`.",
        "等待與 server 建立連線的時間上限。也是 `timeout queue` 的預設值。"
    ],
    HelpProxyTimeoutClient => [
        "How long a client may stay silent. Required on frontends: HAProxy warns when it is missing.",
        "用戶端可以保持沉默多久。frontend 必須設定：缺少時 HAProxy 會發出警告。"
    ],
    HelpProxyTimeoutServer => [
        "How long a server may take to answer. Past it, HAProxy answers 504 Gateway Time-out in http mode.",
        "server 回應的時間上限。超過時，HAProxy 在 http 模式下回應 504 Gateway Time-out。"
    ],
    HelpProxyTimeoutQueue => [
        "How long a request may wait for a free server slot (server maxconn). Past it: 503. Defaults to timeout connect.",
        "請求等待空出的 server 名額（server maxconn）的時間上限。超過則回 503。預設為 timeout connect。"
    ],
    HelpProxyTimeoutCheck => [
        "Extra time allowed for a health check to answer once connected.",
        "健康檢查在連線建立後，額外允許回應的時間。"
    ],
    HelpProxyRetries => [
        "How many times to retry a failed connection to a server (default 3), waiting min(timeout connect, 1s) between tries.",
        "與 server 連線失敗時重試幾次（預設 3 次），每次之間等待 min(timeout connect, 1s)。"
    ],
    HelpProxyMaxconn => [
        "The most concurrent connections this frontend accepts; more wait in the kernel's backlog.",
        "這個 frontend 最多接受的同時連線數；更多的連線會在核心的 backlog 中等待。"
    ],
    HelpProxyBalance => [
        "The load-balancing algorithm: roundrobin (default), static-rr, leastconn, first, source, uri, url_param, hdr(name), random.",
        "負載平衡演算法：roundrobin（預設）、static-rr、leastconn、first、source、uri、url_param、hdr(name)、random。"
    ],
    HelpProxyDefaultBackend => [
        "The backend for requests that no use_backend rule sends elsewhere. It must exist, or HAProxy refuses the configuration.",
        "沒有任何 use_backend 規則轉送到別處的請求所用的 backend。它必須存在，否則 HAProxy 會拒絕這份設定。"
    ],
    HelpProxyUseBackend => [
        "use_backend <backend> if|unless <condition>: send matching requests to that backend. Evaluated in order, before default_backend.",
        "use_backend <backend> if|unless <條件>：把符合的請求送到那個 backend。依序判斷，在 default_backend 之前。"
    ],
    HelpProxyAcl => [
        "acl <name> <criterion> [flags] <values>: name a test on the request (path_beg /api, hdr(host) -i example.com, method POST ...) for use in conditions.",
        "acl <名稱> <判斷準則> [旗標] <值>：為請求上的一項測試命名（path_beg /api、hdr(host) -i example.com、method POST ...），供條件使用。"
    ],
    HelpProxyHttpRequest => [
        "An action on each HTTP request, in order: deny (403 by default), return, redirect, set-header, ... optionally with if/unless <condition>.",
        "依序對每個 HTTP 請求執行的動作：deny（預設 403）、return、redirect、set-header ...，可加上 if/unless <條件>。"
    ],
    HelpProxyRedirect => [
        "redirect location|prefix|scheme <target> [code N] [if|unless cond]: answer with a redirection (302 by default) instead of forwarding.",
        "redirect location|prefix|scheme <目標> [code N] [if|unless 條件]：以重新導向（預設 302）回應，而不轉送。"
    ],
    HelpProxyOption => [
        "Turn a named behaviour on (option httplog, option forwardfor, option httpchk ...) or off with `no option ...`.",
        "開啟一項具名的行為（option httplog、option forwardfor、option httpchk ...），或用 `no option ...` 關閉。"
    ],
    HelpProxyLog => [
        "Where this proxy logs; `log global` uses the global section's. podlab does not model logging.",
        "這個 proxy 的日誌送往何處；`log global` 使用 global 區段的設定。podlab 沒有模擬日誌。"
    ],
    HelpProxyDescription => [
        "Free text describing the proxy.",
        "描述這個 proxy 的自由文字。"
    ],
    HelpProxyErrorfile => [
        "Replace HAProxy's built-in page for a status code with a file's content.",
        "以檔案內容取代 HAProxy 內建的某個狀態碼頁面。"
    ],
    HelpProxyStats => [
        "HAProxy's statistics page (stats enable, stats uri ...).",
        "HAProxy 的統計頁面（stats enable、stats uri ...）。"
    ],
    HelpServerCheck => [
        "Probe the server every `inter` (2s by default). It starts UP; the first failed probe marks it DOWN, and balancing then skips it.",
        "每隔 `inter`（預設 2s）探測 server。它一開始是 UP；第一次探測失敗就標記為 DOWN，之後負載平衡會略過它。"
    ],
    HelpServerMaxconn => [
        "The most concurrent connections to this server; more requests queue in HAProxy until `timeout queue`, then get 503.",
        "連到這個 server 的最多同時連線數；更多的請求會在 HAProxy 中排隊，直到 `timeout queue`，然後得到 503。"
    ],
    HelpServerBackup => [
        "Only used when every non-backup server is DOWN or disabled.",
        "只有在所有非 backup 的 server 都是 DOWN 或停用時才使用。"
    ],
    HelpServerDisabled => [
        "Start the server in maintenance: no traffic goes to it.",
        "以維護狀態啟動這個 server：不會有流量送到它。"
    ],
    HelpServerInter => [
        "The interval between health checks (default 2s).",
        "健康檢查的間隔（預設 2s）。"
    ],
    HelpServerWeight => [
        "The server's share in load balancing (default 1, up to 256).",
        "這個 server 在負載平衡中的份量（預設 1，最多 256）。"
    ],
    HelpServerRise => [
        "Consecutive successful checks before a DOWN server is UP again (default 2).",
        "DOWN 的 server 要連續成功幾次檢查才會再次 UP（預設 2）。"
    ],
    HelpServerFall => [
        "Consecutive failed checks before an UP server is DOWN (default 3).",
        "UP 的 server 要連續失敗幾次檢查才會變成 DOWN（預設 3）。"
    ],
    HelpBindV4v6 => [
        "On an IPv6 wildcard bind (:::80), accept IPv4 connections too.",
        "在 IPv6 萬用位址的 bind（:::80）上也接受 IPv4 連線。"
    ],
    HelpBindV6only => [
        "On an IPv6 bind, accept IPv6 connections only.",
        "在 IPv6 的 bind 上只接受 IPv6 連線。"
    ],
    HelpBindSsl => [
        "Terminate TLS on this bind (needs crt). podlab does not model TLS.",
        "在這個 bind 上終止 TLS（需要 crt）。podlab 沒有模擬 TLS。"
    ],
}
