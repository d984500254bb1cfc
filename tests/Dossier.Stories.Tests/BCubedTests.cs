namespace Dossier.Stories.Tests;

public class BCubedTests
{
    [Fact]
    public void A_perfect_clustering_scores_one() =>
        Assert.Equal(1.0, BCubedScore.Compute(["a", "a", "b"], ["x", "x", "y"]).F1, 9);

    [Fact]
    public void One_big_cluster_has_full_recall_and_low_precision()
    {
        var s = BCubedScore.Compute(["a", "a", "a", "a"], ["x", "x", "y", "y"]);
        Assert.Equal(1.0, s.Recall, 9);
        Assert.Equal(0.5, s.Precision, 9);
    }

    [Fact]
    public void Singletons_have_full_precision()
    {
        var s = BCubedScore.Compute(["1", "2", "3"], ["x", "x", "x"]);
        Assert.Equal(1.0, s.Precision, 9);
        Assert.Equal(1.0 / 3, s.Recall, 9);
    }
}
