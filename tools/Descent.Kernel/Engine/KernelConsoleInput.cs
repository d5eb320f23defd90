using Descent.Kernel.Protocol;

namespace Descent.Kernel.Engine;

/// <summary>
/// <see cref="Console.In"/> for cells run by the kernel: <c>Console.ReadLine()</c> asks the front end for a line
/// (an input_request on the stdin channel) instead of blocking on the kernel process's own standard input,
/// which no one can type into. Outside a cell, or when the front end does not allow input, reading fails at once
/// with a message that says so.
/// </summary>
internal sealed class KernelConsoleInput : TextReader
{
    private volatile IExecutionOutput? _current;
    private string _buffer = "";
    private int _position;

    /// <summary>The output of the running cell (null between cells).</summary>
    public IExecutionOutput? Current
    {
        get => _current;
        set
        {
            _current = value;
            _buffer = "";
            _position = 0;
        }
    }

    /// <summary>Drops any buffered text (an interrupt).</summary>
    public void Interrupt()
    {
        _buffer = "";
        _position = 0;
    }

    public override string? ReadLine()
    {
        if (_position < _buffer.Length)
        {
            int newline = _buffer.IndexOf('\n', _position);
            string line = newline < 0 ? _buffer[_position..] : _buffer[_position..newline];
            _position = newline < 0 ? _buffer.Length : newline + 1;
            return line;
        }
        var output = _current ?? throw new InvalidOperationException("Console input is available only while a cell runs.");
        return output.RequestInput("", password: false);
    }

    public override int Read()
    {
        if (_position >= _buffer.Length)
        {
            string? line = ReadLine();
            if (line is null) return -1;
            _buffer = line + "\n";
            _position = 0;
        }
        return _buffer[_position++];
    }

    public override int Peek()
    {
        if (_position >= _buffer.Length)
        {
            if (Read() is var c && c < 0) return -1;
            _position--;
        }
        return _buffer[_position];
    }

    public override string ReadToEnd() => throw new NotSupportedException(
        "Console.In.ReadToEnd() would wait for the end of input, which a notebook never sends; read lines instead.");
}
