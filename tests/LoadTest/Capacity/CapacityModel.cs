namespace Instagram.LoadTest.Capacity;

/// <summary>
/// The arithmetic: peak rates from the traffic mix, times what each action was measured to cost, divided by what one
/// machine gives at the planned utilisation. Pure: no files, no clock, so it is tested with known inputs.
/// </summary>
public static class CapacityModel
{
    public const string Rates = "peak rates";
    public const string Silos = "silos";
    public const string Api = "api";
    public const string Postgres = "postgresql";
    public const string Redis = "redis";
    public const string Storage = "storage";

    public static CapacityPlan Compute(TrafficMix mix, MeasuredCosts costs, Deployment deployment)
    {
        var lines = new List<CapacityLine>();
        var missing = new List<string>();
        var drivers = new List<CostDriver>();
        var dau = mix.DailyActiveUsers;
        var peak = mix.PeakFactor;
        var followers = mix.FollowersPerPost ?? costs.FollowersPerPostMeasured
            ?? throw new ArgumentException("Followers per post: neither given nor measured (a fanout run records meanFollowersPerPost).");

        double PeakRate(Sourced perUserPerDay) => dau.Value * perUserPerDay.Value / TrafficMix.SecondsPerDay * peak.Value;

        var posts = PeakRate(mix.PostsPerUserPerDay);
        var rates = new Dictionary<string, double>
        {
            [MeasuredCosts.FeedRead] = PeakRate(mix.FeedOpensPerUserPerDay),
            [MeasuredCosts.Post] = posts,
            [MeasuredCosts.Delivery] = posts * followers.Value * mix.ActiveFollowerShare.Value,
            [MeasuredCosts.GraphChange] = PeakRate(mix.GraphChangesPerUserPerDay),
            [MeasuredCosts.Like] = PeakRate(mix.LikesPerUserPerDay),
        };
        var rateSources = new Dictionary<string, Sourced[]>
        {
            [MeasuredCosts.FeedRead] = [mix.FeedOpensPerUserPerDay],
            [MeasuredCosts.Post] = [mix.PostsPerUserPerDay],
            [MeasuredCosts.Delivery] = [mix.PostsPerUserPerDay, followers, mix.ActiveFollowerShare],
            [MeasuredCosts.GraphChange] = [mix.GraphChangesPerUserPerDay],
            [MeasuredCosts.Like] = [mix.LikesPerUserPerDay],
        };
        foreach (var operation in MeasuredCosts.Operations)
        {
            var formula = operation == MeasuredCosts.Delivery
                ? "posts/s × followers per post × active share"
                : "DAU × per user per day ÷ 86,400 × peak factor";
            lines.Add(new CapacityLine(Rates, RateName(operation), rates[operation], "/s", formula, Names([dau, peak, .. rateSources[operation]])));
        }

        var utilisation = deployment.TargetUtilisation;

        // Silo CPU: each action's measured core-seconds times its peak rate.
        var siloCores = SumCores("silo CPU", c => c.SiloCoreSeconds, out var siloSources);
        lines.Add(new CapacityLine(Silos, "silo cores at peak", siloCores / utilisation.Value, "cores",
            "Σ rate × silo core-seconds per action ÷ target utilisation", [.. siloSources, utilisation.Source]));
        var silosForCpu = Math.Ceiling(siloCores / utilisation.Value / deployment.SiloCores.Value);
        lines.Add(new CapacityLine(Silos, "silos for CPU", silosForCpu, "silos", "silo cores ÷ cores per silo", [deployment.SiloCores.Source]));

        // Memory: the feeds (and what else a user keeps active) of everyone online at the peak.
        var online = dau.Value * mix.ConcurrentShareOfDau.Value;
        var perUser = costs.FullFeedGrainBytes.Value + Math.Max(0, costs.ActivationsPerOnlineUser.Value - 1) * costs.BytesPerActivation.Value;
        var memory = online * perUser;
        lines.Add(new CapacityLine(Silos, "online users at peak", online, "users", "DAU × concurrent share", Names([dau, mix.ConcurrentShareOfDau])));
        lines.Add(new CapacityLine(Silos, "activation memory per online user", perUser, "bytes",
            "full FeedGrain + (activations per user − 1) × bytes per activation",
            Names([costs.FullFeedGrainBytes, costs.ActivationsPerOnlineUser, costs.BytesPerActivation])));
        lines.Add(new CapacityLine(Silos, "user activation memory at peak", memory, "bytes", "online users × memory per online user", []));

        // Content: every post of the last day (and its media item) is taken as active, since feeds hydrate them.
        var content = dau.Value * mix.PostsPerUserPerDay.Value * 2 * costs.BytesPerActivation.Value;
        lines.Add(new CapacityLine(Silos, "content activation memory", content, "bytes", "posts per day × 2 grains (post, media) × bytes per activation",
            Names([mix.PostsPerUserPerDay, costs.BytesPerActivation])));
        drivers.Add(new CostDriver("silo memory", "online users' grains", memory, "bytes", memory / (memory + content)));
        drivers.Add(new CostDriver("silo memory", "the day's posts", content, "bytes", content / (memory + content)));
        var usable = deployment.SiloMemoryBytes.Value * deployment.ActivationMemoryShare.Value;
        var silosForMemory = Math.Ceiling((memory + content) / usable);
        lines.Add(new CapacityLine(Silos, "silos for memory", silosForMemory, "silos", "(user + content activation memory) ÷ (silo memory × activation share)",
            Names([deployment.SiloMemoryBytes, deployment.ActivationMemoryShare])));
        lines.Add(new CapacityLine(Silos, "silos", Math.Max(silosForCpu, silosForMemory), "silos", "max(silos for CPU, silos for memory)", []));

        // Api: every request is one call into the cluster; posts take several requests (the upload flow).
        var requests = rates[MeasuredCosts.FeedRead] + posts * costs.ApiRequestsPerPost.Value + rates[MeasuredCosts.GraphChange] + rates[MeasuredCosts.Like];
        lines.Add(new CapacityLine(Api, "api requests/s at peak", requests, "/s", "feed reads + posts × requests per post + follows + likes",
            [costs.ApiRequestsPerPost.Source]));
        var apiCores = requests * costs.ApiCoreSecondsPerRequest.Value / utilisation.Value;
        lines.Add(new CapacityLine(Api, "api cores at peak", apiCores, "cores", "requests/s × core-seconds per request ÷ target utilisation",
            Names([costs.ApiCoreSecondsPerRequest, utilisation])));
        lines.Add(new CapacityLine(Api, "api instances", Math.Ceiling(apiCores / deployment.ApiCores.Value), "instances", "api cores ÷ cores per instance",
            [deployment.ApiCores.Source]));

        // PostgreSQL: measured server CPU per action where a run had it, else row writes at a measured write rate per core.
        var pgWrites = Sum(c => c.PostgresRowWrites, out var pgWriteSources);
        lines.Add(new CapacityLine(Postgres, "postgresql row writes/s at peak", pgWrites, "/s", "Σ rate × rows written per action", pgWriteSources));
        var pgCores = SumCores("PostgreSQL CPU", c => c.PostgresCoreSeconds
            ?? (c.PostgresRowWrites is { } w ? new Sourced(w.Value / costs.PostgresRowWritesPerCoreSecond.Value, $"{w.Source}; ÷ {costs.PostgresRowWritesPerCoreSecond.Source}") : null),
            out var pgSources);
        lines.Add(new CapacityLine(Postgres, "postgresql cores at peak", pgCores / utilisation.Value, "cores",
            "Σ rate × PostgreSQL core-seconds per action (or row writes ÷ writes per core-second) ÷ target utilisation", [.. pgSources, utilisation.Source]));
        lines.Add(new CapacityLine(Postgres, "postgresql servers (or Citus workers)", Math.Ceiling(pgCores / utilisation.Value / deployment.PostgresCoresPerServer.Value),
            "servers", "postgresql cores ÷ cores per server", [deployment.PostgresCoresPerServer.Source]));

        var redisCommands = Sum(c => c.RedisCommands, out var redisCommandSources);
        lines.Add(new CapacityLine(Redis, "redis commands/s at peak", redisCommands, "/s", "Σ rate × commands per action", redisCommandSources));
        var redisCores = SumCores("Redis CPU", c => c.RedisCoreSeconds
            ?? (c.RedisCommands is { } r ? new Sourced(r.Value / costs.RedisCommandsPerCoreSecond.Value, $"{r.Source}; ÷ {costs.RedisCommandsPerCoreSecond.Source}") : null),
            out var redisSources);
        lines.Add(new CapacityLine(Redis, "redis cores at peak", redisCores / utilisation.Value, "cores", "Σ rate × Redis core-seconds per action ÷ target utilisation",
            [.. redisSources, utilisation.Source]));
        lines.Add(new CapacityLine(Redis, "redis shards", Math.Ceiling(redisCores / utilisation.Value / deployment.RedisCoresPerShard.Value), "shards",
            "redis cores ÷ cores per shard", [deployment.RedisCoresPerShard.Source]));

        // Storage: what a day adds. Rows for good (likes and follows grow state records), media for good.
        var metadata = 0.0;
        var storageSources = new List<string>();
        foreach (var operation in MeasuredCosts.Operations)
        {
            if (costs.Cost(operation).StoredBytes is { } bytes)
            {
                metadata += rates[operation] / peak.Value * TrafficMix.SecondsPerDay * bytes.Value;
                storageSources.Add($"{operation}: {bytes.Source}");
            }
        }

        var uploadsPerDay = dau.Value * mix.PostsPerUserPerDay.Value;
        var media = uploadsPerDay * mix.MediaBytesPerUpload.Value;
        lines.Add(new CapacityLine(Storage, "postgresql growth per day", metadata, "bytes", "Σ actions per day × bytes stored per action", storageSources));
        lines.Add(new CapacityLine(Storage, "media growth per day", media, "bytes", "uploads per day × bytes per upload", Names([dau, mix.PostsPerUserPerDay, mix.MediaBytesPerUpload])));

        return new CapacityPlan(lines, drivers, missing);

        double Sum(Func<OperationCost, Sourced?> perAction, out List<string> sources)
        {
            var total = 0.0;
            sources = [];
            foreach (var operation in MeasuredCosts.Operations)
            {
                if (perAction(costs.Cost(operation)) is { } cost)
                {
                    total += rates[operation] * cost.Value;
                    sources.Add($"{operation}: {cost.Source}");
                }
            }

            return total;
        }

        // Like Sum, and also ranks what each action takes of the resource and notes the actions nobody measured.
        double SumCores(string resource, Func<OperationCost, Sourced?> perAction, out List<string> sources)
        {
            var total = Sum(perAction, out sources);
            foreach (var operation in MeasuredCosts.Operations)
            {
                if (perAction(costs.Cost(operation)) is { } cost)
                {
                    var amount = rates[operation] * cost.Value;
                    drivers.Add(new CostDriver(resource, operation, amount, "cores", total > 0 ? amount / total : 0));
                }
                else if (rates[operation] > 0)
                {
                    missing.Add($"{resource} of a {operation}: not measured, not counted");
                }
            }

            return total;
        }
    }

    public static string RateName(string operation) => operation switch
    {
        MeasuredCosts.Delivery => "deliveries/s at peak",
        MeasuredCosts.GraphChange => "follows + unfollows/s at peak",
        _ => $"{operation}s/s at peak",
    };

    private static string[] Names(IEnumerable<Sourced> values) => [.. values.Select(v => v.Source).Distinct()];
}
