from energybrowser.cli import main

raise SystemExit(main())
