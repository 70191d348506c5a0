from terminal.cli.main import main

raise SystemExit(main())
