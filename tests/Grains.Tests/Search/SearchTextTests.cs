using Instagram.Grains.Search;

namespace Instagram.Grains.Tests.Search;

/// <summary>The in-memory index matches text the way PostgreSQL does; the expected stems come from PostgreSQL 15's english_stem.</summary>
public sealed class SearchTextTests
{
    private const string PostgresStems =
        "running=run runs=run ran=ran run=run runner=runner sunsets=sunset sunset=sunset sunsetting=sunset happily=happili happiness=happi generous=generous generously=generous communication=communic arsenal=arsenal skies=sky dying=die caresses=caress ponies=poni ties=tie cries=cri gas=gas gaps=gap kiwis=kiwi succeeded=succeed proceeding=proceed agreed=agre feed=feed bled=bled hoping=hope hopping=hop luxuriating=luxuri tanned=tan filing=file fizzed=fizz cry=cri say=say crying=cri relational=relat conditional=condit rational=ration valenci=valenc hesitanci=hesit digitizer=digit conformabli=conform radicalli=radic differentli=differ vileli=vile analogousli=analog vietnamization=vietnam predication=predic operator=oper feudalism=feudal decisiveness=decis hopefulness=hope callousness=callous formaliti=formal sensitiviti=sensit sensibiliti=sensibl triplicate=triplic formative=format formalize=formal electriciti=electr electrical=electr hopeful=hope goodness=good revival=reviv allowance=allow inference=infer airliner=airlin gyroscopic=gyroscop adjustable=adjust defensible=defens irritant=irrit replacement=replac adjustment=adjust dependent=depend adoption=adopt homologou=homologou communism=communism activate=activ angulariti=angular homologous=homolog effective=effect bowdlerize=bowdler probate=probat rate=rate cease=ceas controll=control roll=roll beautiful=beauti beauty=beauti photography=photographi photographs=photograph photographer=photograph mountains=mountain mountain=mountain hiking=hike hiked=hike hikes=hike coffee=coffe latte=latt delicious=delici dinner=dinner friends=friend friendly=friend cities=citi city=citi yesterday=yesterday today=today golden=golden hour=hour oceans=ocean ocean=ocean waves=wave beaches=beach beach=beach travel=travel travelling=travel traveled=travel";

    [Fact]
    public void StemsLikePostgresEnglishStem()
    {
        var mismatches = PostgresStems.Split(' ')
            .Select(pair => pair.Split('='))
            .Where(pair => EnglishStemmer.Stem(pair[0]) != pair[1])
            .Select(pair => $"{pair[0]}: expected {pair[1]}, got {EnglishStemmer.Stem(pair[0])}")
            .ToList();
        Assert.Empty(mismatches);
    }

    [Fact]
    public void LexemesDropStopWordsAndStem() => // to_tsvector('english', ...) gives '2024' 'along' 'morn' 'river' 'run'
        Assert.Equal(["2024", "along", "morn", "river", "run"], SearchText.Lexemes("The Morning RUN, along the river! #2024").Order(StringComparer.Ordinal));

    [Theory] // the values PostgreSQL's similarity() returns
    [InlineData("sunst", "sunset", 0.44444445)]
    [InlineData("john.smith_x", "john", 0.3846154)]
    [InlineData("bob", "bpb", 0.14285715)]
    public void TrigramSimilarityIsPgTrgms(string a, string b, double expected) =>
        Assert.Equal(expected, SearchText.Similarity(SearchText.Trigrams(a), SearchText.Trigrams(b)), 5);

    [Theory]
    [InlineData("sunset", "sunst", true)]
    [InlineData("sunset", "sunzet", true)]
    [InlineData("sunset", "sunsett", true)]
    [InlineData("sunset", "sunset", true)]
    [InlineData("sunset", "snust", false)]
    [InlineData("bob", "bpb", true)]
    [InlineData("bob", "b", false)]
    public void OneEdit(string a, string b, bool expected)
    {
        Assert.Equal(expected, SearchText.WithinOneEdit(a, b));
        Assert.Equal(expected, SearchText.WithinOneEdit(b, a));
    }

    [Fact]
    public void DistancesAreHaversine()
    {
        Assert.InRange(GeoMath.DistanceKm(48.8566, 2.3522, 51.5074, -0.1278), 342, 345);
        var box = GeoMath.BoundingBox(new GeoCircle(48.8566, 2.3522, 25));
        Assert.True(box.MinLat < 48.8049 && box.MinLng < 2.1204 && box.MaxLat > 48.8566 && box.MaxLng > 2.3522);
        Assert.Equal((-180d, 180d), (GeoMath.BoundingBox(new GeoCircle(89, 0, 500)).MinLng, GeoMath.BoundingBox(new GeoCircle(89, 0, 500)).MaxLng));
        Assert.Equal((-180d, 180d), (GeoMath.BoundingBox(new GeoCircle(0, 179.9, 50)).MinLng, GeoMath.BoundingBox(new GeoCircle(0, 179.9, 50)).MaxLng));
    }

    [Fact]
    public void VerifiedUsersRankFirstWithinATier()
    {
        var index = new InMemorySearchIndex();
        index.UpsertUser(new UserDocument(1, "sunny", "Plain", false, false));
        index.UpsertUser(new UserDocument(2, "sunnyside", "Blue Tick", false, true));
        index.UpsertUser(new UserDocument(3, "sun", "Exact", false, false));
        var viewer = new SearchViewer(99, [], []);
        Assert.Equal([3L, 2L, 1L], index.SearchUsers(new UserQuery("sun", 10, viewer)).Select(h => h.UserId));
        Assert.Equal([2L, 1L], index.SearchUsers(new UserQuery("sun", 10, viewer with { Excluded = [3] })).Select(h => h.UserId));
    }
}
