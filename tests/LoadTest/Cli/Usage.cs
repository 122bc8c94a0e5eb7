namespace Instagram.LoadTest.Cli;

public static class Usage
{
    public const string Text = """
        Instagram.LoadTest: drives the Orleans cluster (or the Api) with synthetic users and measures it.

        usage: dotnet run -c Release --project tests/LoadTest -- <command>[,<command>...] [flags]

        commands
          seed             create the social graph (users, power-law follows, posts) and report how fast it went;
                           for cluster/http targets also writes a manifest that later runs reuse with --manifest
          feed-read        random users read the first page of their feed (20 hydrated posts)
          fanout           non-celebrities post; feed deliveries/s and publish-to-last-follower delivery time
          celebrity-read   readers who all follow the same celebrities read their feeds (the hot spot);
                           celebrities post once a second meanwhile ("celebrity publish" latency)
          like-storm       one post, many likers (each user in turn likes the same post; repeats must change nothing)
          follow           random users follow someone they do not follow, then unfollow (follows/s, both latencies)
          cold-feed-read   every feed made cold (all idle grains collected), then each reader's first read timed, then
                           reads until warm (first-read percentiles, throughput per second)
          mixed            ~80:20 feed reads to posts (--read-ratio)
          search           caption words, a hashtag's posts, username prefixes and typos, hashtag prefixes (no baseline)
          feed-memory      bytes of a full FeedGrain (1,000 items); --target embedded only
          capacity         runs no load: reads result files and prints the capacity plan (capacity --help; docs/capacity.md)
          video            1080p clips uploaded in chunks, posted and polled until published, one at a time: video
                           seconds transcoded per wall second and per core-second, upload-to-published per clip
          messages         --users hub clients (SignalR) in 1:1 and group conversations; senders POST messages, receivers
                           time send-to-receive: messages delivered/s, delivery p50/p99; http targets only
          Several commands run in one go when separated by commas: feed-read,fanout,celebrity-read,mixed

        target
          --target embedded              start a silo in this process (Orleans:Profile=Embedded, free loopback ports) [default]
          --target cluster               IClusterClient to a running Cluster-profile cluster; needs ConnectionStrings__Postgres,
                                         ConnectionStrings__Redis, Orleans__ClusterId, Orleans__ServiceId in the environment
          --target http://127.0.0.1:PORT the Api over HTTP; start it with RateLimits__Enabled=false Abuse__Enabled=false
          --second-target http://127.0.0.1:PORT2  messages: a second Api of the same cluster; hub clients alternate
          Only loopback addresses (127.0.0.1, localhost, ::1) are accepted, for every target and service.

        graph (same flags and --random-seed = same graph)
          --users N                 accounts (default 2000; 300 for http)                         max 200,000
          --posts N                 seeded posts (default 5000; 1000 for http)                    max 1,000,000
          --median-followers N      median of the power-law follower count (default 100)
          --celebrity-threshold N   followers from which an author is pulled, not pushed (default 10000 = the product's
                                    Feed:CelebrityThreshold; embedded passes it to its silo, other targets must match theirs)
          --celebrities N           accounts with 1-2x the threshold in followers (default users/500 when the threshold < users)
          --fan-club N              the first N users follow every celebrity (default users/4)
          --following N             the first 200 users also follow N random accounts each (cold-feed-read's readers)
          --random-seed N           (default 42)
          --seed-parallelism N      concurrent writes while seeding (default 64; 16 for http)     max 256
          --manifest PATH           reuse a graph seeded earlier by `seed` (cluster/http targets)

        load
          --duration S              measured seconds per scenario and system (default 20)        max 600
          --count N                 stop after N operations instead (still stops after --duration, or 600 s)
          --concurrency N           closed-loop workers (default 32)                              max 1,024
          --warmup S                unmeasured warm-up before each measured run (default 3)        max 60
          --limit N                 posts per feed page (default 20)
          --read-ratio X            share of reads in mixed (default 0.8)
          --probe-every N           fanout: follow every Nth post follower by follower (default 10)
          --feed-capacity N         fanout: the silos' Feed:MaxItems; the audit expects each feed's newest N (default 1000)
          --big-author-followers N  fanout: then time posts by an author with N followers (default 0 = off)
          --big-author-posts N      how many such posts (default 5)
          --feed-memory-readers N   feed-memory: how many full feeds to measure (default 2000)
          --videos N                video: clips, one after another (default 3)                   max 20
          --video-seconds S         video: length of each 1080p clip (default 30)                  max 90
          --celebrity-followers N   seed one more celebrity with N followers (new accounts and the fan club; ours
                                    only), which posts once a second during every scenario: "big celebrity publish"
                                    latency and the pushes its followers received (must be 0); e.g. 1000000

        comparison and output
          --baseline redis          run the same scenarios against the seeds' Redis design (sorted-set feeds) on
                                    ConnectionStrings__Redis, and print ours / baseline
          --out PATH                JSON result file (default tests/LoadTest/results/<commands>-<time>.json); the HTML
                                    report is written beside it with the same base name
          --server-pid PID          also sample that process's CPU and memory (e.g. the Api behind an http target)
          --generator-id N          id-generator number of this process (default 1000 + pid % 24)
          --note TEXT               a line of context for the report (commit measured, machine state...)

        fault injection (cluster target)
          --kill-pid PID            fanout: kill that silo hard (SIGKILL) --kill-after S into the run (default 5);
                                    another silo must keep serving
          --restart-pid PID         cold-feed-read: measure warm reads, kill that silo hard, wait until the cluster
                                    answers again (run the silo under a restart loop), then time the cold reads

        Every loop is bounded by count and time and stops by itself. See tests/LoadTest/README.md.
        """;

    public static void Print() => Console.WriteLine(Text);
}
