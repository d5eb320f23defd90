using Descent.Data;

namespace Descent.Tests.Data;

public class DesignMatrixTests
{
    [Fact]
    public void EntriesAreRowMajor()
    {
        var x = new DesignMatrix([1, 2, 3, 4, 5, 6], 3, 2);
        Assert.Equal(4, x[1, 1]);
        Assert.Equal([5.0, 6.0], x.Row(2).ToArray());
        Assert.Equal([2.0, 4.0, 6.0], x.Column(1));
        Assert.Equal([1 * 1 + 2 * 10.0, 3 + 40, 5 + 60], x.Multiply([1.0, 10.0]));
    }

    [Fact]
    public void FromColumnsAndFromRowsAndFromArrayAgree()
    {
        var a = DesignMatrix.FromColumns(("a", [1.0, 3]), ("b", [2.0, 4]));
        var b = DesignMatrix.FromRows([[1.0, 2], [3.0, 4]], ["a", "b"]);
        var c = DesignMatrix.From(new double[,] { { 1, 2 }, { 3, 4 } });
        Assert.Equal(a.Values.ToArray(), b.Values.ToArray());
        Assert.Equal(a.Values.ToArray(), c.Values.ToArray());
        Assert.Equal(3, a.ToMatrix()[1, 0]);
        Assert.Equal(4, a.ToArray()[1, 1]);
        Assert.Equal([3.0, 4], a.SelectRows([1]).Row(0).ToArray());
        Assert.Equal([1.0, 3], a.Column("a"));
    }

    [Fact]
    public void WithInterceptPutsOnesInFront()
    {
        var x = DesignMatrix.FromColumn([2.0, 5.0], "bill").WithIntercept();
        Assert.Equal([1.0, 2.0, 1.0, 5.0], x.Values.ToArray());
        Assert.True(x.HasIntercept);
        Assert.Equal(["intercept", "bill"], x.ColumnNames);
    }

    [Fact]
    public void NaNInTheDataIsRejectedWithItsPosition()
    {
        var ex = Assert.Throws<ArgumentException>(() => new DesignMatrix([1, 2, double.NaN, 4], 2, 2));
        Assert.Contains("row 1, column 0", ex.Message);
        Assert.Throws<ArgumentException>(() => DesignMatrix.FromColumn([1, double.PositiveInfinity]));
    }

    [Fact]
    public void EmptyOrMisshapenDataIsRejected()
    {
        Assert.Contains("at least one row", Assert.Throws<ArgumentException>(() => new DesignMatrix([], 0, 2)).Message);
        Assert.Contains("need 6 values", Assert.Throws<ArgumentException>(() => new DesignMatrix([1, 2, 3], 3, 2)).Message);
        Assert.Throws<ArgumentException>(() => DesignMatrix.FromColumns(("a", [1.0, 2]), ("b", [1.0])));
        Assert.Throws<ArgumentException>(() => DesignMatrix.FromRows([[1.0, 2], [3.0]]));
        Assert.Throws<ArgumentException>(() => DesignMatrix.FromRows([]));
        Assert.Throws<ArgumentException>(() => DesignMatrix.FromColumn([]));
    }

    [Fact]
    public void ThetaOfTheWrongLengthNamesTheFeatures()
    {
        var x = DesignMatrix.FromColumn([1.0, 2.0], "bill").WithIntercept();
        var ex = Assert.Throws<ArgumentException>(() => x.Multiply([1.0]));
        Assert.Contains("intercept, bill", ex.Message);
    }

    [Fact]
    public void DatasetChecksRowsAgainstTargets()
    {
        var x = DesignMatrix.FromColumn([1.0, 2.0, 3.0]);
        var ex = Assert.Throws<ArgumentException>(() => new Dataset(x, [1.0, 2.0]));
        Assert.Contains("X has 3 rows but y has 2 values", ex.Message);
        Assert.Throws<ArgumentException>(() => new Dataset(x, [1.0, double.NaN, 2.0]));
        Assert.Throws<ArgumentException>(() => new Dataset(x, []));
    }

    [Fact]
    public void ToStringShowsShapeNamesAndFirstRows()
    {
        var x = DesignMatrix.FromColumn([1.5, 2.5], "bill");
        Assert.Equal("2 × 1 design matrix [bill]\n         1.5\n         2.5", x.ToString());
    }
}
