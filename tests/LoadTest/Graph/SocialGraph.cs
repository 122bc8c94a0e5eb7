namespace Instagram.LoadTest.Graph;

/// <summary>
/// A synthetic social graph, by user index (0..UserCount-1); each system under test maps indexes to its own ids.
/// Follower counts follow a power law: a Pareto distribution whose median is <c>--median-followers</c> (so most
/// accounts have about a hundred followers and a long tail has many more), truncated just below the celebrity
/// threshold; the <c>--celebrities</c> accounts get between one and two thresholds' worth of followers. A "fan club"
/// (the first <c>--fan-club</c> users) follows every celebrity, which is the hot spot celebrity-read exercises.
/// Posts are spread over authors uniformly at random. With <c>--following N</c> the first <see cref="ColdReaders"/>
/// users also follow N random accounts each (cold-feed-read's readers). The same seed gives the same graph.
/// </summary>
public sealed class SocialGraph
{
    /// <summary>Pareto shape: 2.2 gives a mean about 1.4x the median and a handful of accounts with 10x it.</summary>
    public const double ParetoShape = 2.2;

    /// <summary>How many users (the first ones) <c>--following</c> applies to.</summary>
    public const int ColdReaders = 200;

    private SocialGraph(int[][] followers, int[] celebrities, int fanClub, int[] postAuthors, int threshold)
    {
        Followers = followers;
        Celebrities = celebrities;
        FanClubSize = fanClub;
        PostAuthors = postAuthors;
        CelebrityThreshold = threshold;
        IsCelebrity = new bool[followers.Length];
        foreach (var c in celebrities)
        {
            IsCelebrity[c] = true;
        }

        var following = new List<int>[followers.Length];
        for (var i = 0; i < following.Length; i++)
        {
            following[i] = [];
        }

        for (var target = 0; target < followers.Length; target++)
        {
            foreach (var follower in followers[target])
            {
                following[follower].Add(target);
            }
        }

        Following = [.. following.Select(l => l.ToArray())];
        NonCelebrityAuthors = [.. Enumerable.Range(0, followers.Length).Where(i => !IsCelebrity[i] && followers[i].Length > 0)];
        EdgeCount = followers.Sum(f => (long)f.Length);
    }

    public int UserCount => Followers.Length;

    /// <summary>Followers[i] = indexes of the users who follow user i.</summary>
    public int[][] Followers { get; }

    /// <summary>Following[i] = indexes of the users user i follows.</summary>
    public int[][] Following { get; }

    public int[] Celebrities { get; }

    public bool[] IsCelebrity { get; }

    /// <summary>Users 0..FanClubSize-1 follow every celebrity.</summary>
    public int FanClubSize { get; }

    /// <summary>Accounts below the threshold that have followers: the authors fan-out scenarios post as.</summary>
    public int[] NonCelebrityAuthors { get; }

    /// <summary>PostAuthors[j] = the author of seeded post j, in creation order.</summary>
    public int[] PostAuthors { get; }

    public int CelebrityThreshold { get; }

    public long EdgeCount { get; }

    public static SocialGraph Generate(int users, int posts, int medianFollowers, int celebrityCount, int threshold, int fanClub, int seed, int following = 0)
    {
        var random = new Random(seed);
        var celebrities = celebrityCount == 0 ? [] : Enumerable.Range(0, users).OrderBy(_ => random.Next()).Take(celebrityCount).ToArray();
        var isCelebrity = new HashSet<int>(celebrities);
        var fanClubMembers = Enumerable.Range(0, Math.Min(fanClub, users)).ToArray();

        // Pareto(xm, a) has median xm * 2^(1/a).
        var xm = medianFollowers / Math.Pow(2, 1 / ParetoShape);
        var normalCap = Math.Min(threshold - 1, users - 1);
        var followers = new int[users][];
        var chosen = new HashSet<int>();
        for (var user = 0; user < users; user++)
        {
            chosen.Clear();
            int count;
            if (isCelebrity.Contains(user))
            {
                count = Math.Min(users - 1, threshold + random.Next(threshold + 1));
                foreach (var fan in fanClubMembers)
                {
                    if (fan != user)
                    {
                        chosen.Add(fan);
                    }
                }
            }
            else
            {
                var u = 1 - random.NextDouble();
                count = (int)Math.Min(normalCap, Math.Round(xm / Math.Pow(u, 1 / ParetoShape)));
            }

            Pick(random, users, user, count, chosen);
            followers[user] = [.. chosen.OrderBy(x => x)];
        }

        if (following > 0)
        {
            // Each of the first ColdReaders users follows `following` random accounts (besides what it already does).
            var extra = Enumerable.Range(0, users).Select(u => new HashSet<int>(followers[u])).ToArray();
            for (var reader = 0; reader < Math.Min(users, ColdReaders); reader++)
            {
                chosen.Clear();
                Pick(random, users, reader, Math.Min(following, users - 1), chosen);
                foreach (var target in chosen)
                {
                    extra[target].Add(reader);
                }
            }

            followers = [.. extra.Select(set => set.Order().ToArray())];
        }

        var postAuthors = new int[posts];
        for (var j = 0; j < posts; j++)
        {
            postAuthors[j] = random.Next(users);
        }

        return new SocialGraph(followers, celebrities, fanClubMembers.Length, postAuthors, threshold);
    }

    /// <summary>Adds random users other than <paramref name="self"/> to <paramref name="chosen"/> until it holds <paramref name="count"/>.</summary>
    private static void Pick(Random random, int users, int self, int count, HashSet<int> chosen)
    {
        if (count > users / 2)
        {
            // Dense: shuffle everyone once rather than rejecting most draws.
            foreach (var candidate in Enumerable.Range(0, users).OrderBy(_ => random.Next()))
            {
                if (chosen.Count >= count)
                {
                    break;
                }

                if (candidate != self)
                {
                    chosen.Add(candidate);
                }
            }

            return;
        }

        while (chosen.Count < count)
        {
            var candidate = random.Next(users);
            if (candidate != self)
            {
                chosen.Add(candidate);
            }
        }
    }

    /// <summary>Every follow edge as (follower, followee), shuffled so no followee's grain sees a burst.</summary>
    public (int Follower, int Followee)[] ShuffledEdges(int seed)
    {
        var edges = new (int, int)[EdgeCount];
        var k = 0;
        for (var target = 0; target < Followers.Length; target++)
        {
            foreach (var follower in Followers[target])
            {
                edges[k++] = (follower, target);
            }
        }

        new Random(seed).Shuffle(edges);
        return edges;
    }

    public string Describe()
    {
        var counts = Followers.Select(f => f.Length).Order().ToArray();
        var normal = Followers.Where((_, i) => !IsCelebrity[i]).Select(f => f.Length).Order().ToArray();
        return string.Create(CultureInfo.InvariantCulture,
            $"{UserCount:N0} users, {EdgeCount:N0} follows, {PostAuthors.Length:N0} posts; followers per account: median {Median(normal)}, " +
            $"p90 {At(normal, 0.9)}, p99 {At(normal, 0.99)}, max {counts[^1]}; {Celebrities.Length} celebrities (>= {CelebrityThreshold:N0} followers), " +
            $"fan club of {FanClubSize:N0} following all of them");

        static int Median(int[] sorted) => sorted.Length == 0 ? 0 : sorted[sorted.Length / 2];
        static int At(int[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
    }
}
