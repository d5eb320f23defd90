using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Descent.Notebooks.Execution;

/// <summary>
/// Rewrites a cell's syntax tree so that it can be stopped: every loop body, every method, local function,
/// constructor, accessor and block lambda body, and every <c>goto</c> starts with
/// <c>global::Descent.Notebooks.Scripting.CellGuard.Check(slot);</c> (one volatile read); a body entered by a call
/// (method, local function, constructor, accessor, operator, block lambda) gets <c>CellGuard.Enter(slot)</c> instead, which
/// also stops runaway recursion before the stack overflows (a stack overflow would end the process).
/// The inserted text contains no line break, so line numbers in stack traces stay those of the cell.
/// Expression-bodied methods and local functions become block bodies when their return is known from the syntax.
/// </summary>
internal sealed class LoopGuardRewriter : CSharpSyntaxRewriter
{
    private readonly StatementSyntax _check;
    private readonly StatementSyntax _enter;
    private bool _changed;

    private LoopGuardRewriter(int slot)
    {
        _check = SyntaxFactory.ParseStatement($"global::Descent.Notebooks.Scripting.CellGuard.Check({slot});");
        _enter = SyntaxFactory.ParseStatement($"global::Descent.Notebooks.Scripting.CellGuard.Enter({slot});");
    }

    /// <summary>The rewritten code, or null if the cell has nothing to guard (no loop, method or lambda body).</summary>
    public static string? Rewrite(SyntaxTree tree, int slot)
    {
        var rewriter = new LoopGuardRewriter(slot);
        var root = rewriter.Visit(tree.GetRoot());
        return rewriter._changed ? root.ToFullString() : null;
    }

    private BlockSyntax Guard(BlockSyntax block) => Guard(block, _check);

    private BlockSyntax Guard(BlockSyntax block, StatementSyntax check)
    {
        _changed = true;
        return block.WithStatements(block.Statements.Insert(0, check));
    }

    /// <summary>A body that is entered by a call: the stop check and the stack check (<c>CellGuard.Enter</c>).</summary>
    private BlockSyntax GuardEntry(BlockSyntax block) => Guard(block, _enter);

    private StatementSyntax Guard(StatementSyntax body)
    {
        if (body is BlockSyntax block) return Guard(block);
        _changed = true;
        return SyntaxFactory.Block(_check, body);
    }

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node)
    {
        var n = (WhileStatementSyntax)base.VisitWhileStatement(node)!;
        return n.WithStatement(Guard(n.Statement));
    }

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node)
    {
        var n = (DoStatementSyntax)base.VisitDoStatement(node)!;
        return n.WithStatement(Guard(n.Statement));
    }

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node)
    {
        var n = (ForStatementSyntax)base.VisitForStatement(node)!;
        return n.WithStatement(Guard(n.Statement));
    }

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node)
    {
        var n = (ForEachStatementSyntax)base.VisitForEachStatement(node)!;
        return n.WithStatement(Guard(n.Statement));
    }

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node)
    {
        var n = (ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!;
        return n.WithStatement(Guard(n.Statement));
    }

    public override SyntaxNode? VisitGotoStatement(GotoStatementSyntax node)
    {
        var n = (GotoStatementSyntax)base.VisitGotoStatement(node)!;
        // A goto inside a switch section (goto case / goto default) must stay a direct statement of the section's list
        // for fall-through analysis, but wrapping it in a block is still legal C#.
        _changed = true;
        return SyntaxFactory.Block(_check, n);
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var n = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        if (n.Body is { } body) return n.WithBody(GuardEntry(body));
        if (n.ExpressionBody is { } arrow && ToBlock(arrow, n.ReturnType, n.Modifiers, n.SemicolonToken) is { } block)
            return n.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
        return n;
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var n = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        if (n.Body is { } body) return n.WithBody(GuardEntry(body));
        if (n.ExpressionBody is { } arrow && ToBlock(arrow, n.ReturnType, n.Modifiers, n.SemicolonToken) is { } block)
            return n.WithExpressionBody(null).WithSemicolonToken(default).WithBody(block);
        return n;
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var n = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        return n.Body is { } body ? n.WithBody(GuardEntry(body)) : n;
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var n = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        return n.Body is { } body ? n.WithBody(GuardEntry(body)) : n;
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        var n = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        return n.Body is { } body ? n.WithBody(GuardEntry(body)) : n;
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var n = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return n.Block is { } body ? n.WithBlock(GuardEntry(body)) : n;
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var n = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return n.Block is { } body ? n.WithBlock(GuardEntry(body)) : n;
    }

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var n = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return n.Block is { } body ? n.WithBlock(GuardEntry(body)) : n;
    }

    /// <summary>
    /// <c>=> expr;</c> as <c>{check; return expr;}</c> (or <c>{check; expr;}</c> when nothing is returned),
    /// on the same line; null when the syntax alone cannot tell which (ref returns, throw expressions).
    /// </summary>
    private BlockSyntax? ToBlock(ArrowExpressionClauseSyntax arrow, TypeSyntax returnType, SyntaxTokenList modifiers, SyntaxToken semicolon)
    {
        if (returnType is RefTypeSyntax || arrow.Expression is ThrowExpressionSyntax) return null;
        bool isAsync = modifiers.Any(SyntaxKind.AsyncKeyword);
        bool returnsNothing = returnType is PredefinedTypeSyntax p && p.Keyword.IsKind(SyntaxKind.VoidKeyword)
                              || isAsync && returnType is IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" }
                              || isAsync && returnType is QualifiedNameSyntax { Right: IdentifierNameSyntax { Identifier.ValueText: "Task" or "ValueTask" } };
        var expression = arrow.Expression.WithoutTrivia();
        StatementSyntax statement = returnsNothing
            ? SyntaxFactory.ExpressionStatement(expression)
            : SyntaxFactory.ReturnStatement(SyntaxFactory.Token(SyntaxKind.ReturnKeyword).WithTrailingTrivia(SyntaxFactory.Space), expression, SyntaxFactory.Token(SyntaxKind.SemicolonToken));
        _changed = true;
        var open = SyntaxFactory.Token(SyntaxKind.OpenBraceToken)
            .WithLeadingTrivia(arrow.ArrowToken.LeadingTrivia)
            .WithTrailingTrivia(arrow.ArrowToken.TrailingTrivia.AddRange(arrow.Expression.GetLeadingTrivia()));
        var close = SyntaxFactory.Token(SyntaxKind.CloseBraceToken)
            .WithLeadingTrivia(arrow.Expression.GetTrailingTrivia().AddRange(semicolon.LeadingTrivia))
            .WithTrailingTrivia(semicolon.TrailingTrivia);
        return SyntaxFactory.Block(open, SyntaxFactory.List([_enter, statement]), close);
    }
}
