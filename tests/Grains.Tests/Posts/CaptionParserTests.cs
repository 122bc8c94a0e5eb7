using Instagram.Grains.Posts;

namespace Instagram.Grains.Tests.Posts;

public sealed class CaptionParserTests
{
    [Fact]
    public void HashtagsAndMentionsAreParsedLowerCaseAndDistinct()
    {
        const string caption = "Sunset at #Beach with @Alice and @bob.b! #beach #golden_hour mail me a@b.com #café";
        Assert.Equal(["beach", "golden_hour", "café"], CaptionParser.Hashtags(caption));
        Assert.Equal(["alice", "bob.b"], CaptionParser.Mentions(caption));
    }
}
